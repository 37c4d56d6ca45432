package social.herd.statuses.impl.feeds;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.codec.Codec;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.EqualJitterDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds' own Redisson client with a circuit breaker, a small copy of what the kv bundle's
 * RedisBackend does (that bundle does not share its client): any failed or timed-out call marks
 * Redis down, calls then fail at once, and a probe every second brings it back. Single-server
 * {@code redis://} and {@code rediss://} URLs only; other modes leave feeds off (timelines read
 * PostgreSQL) until the feeds move into the kv bundle.
 */
public final class FeedConnection implements RedisFeeds.Calls, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);
    /** Holds the feeds' generation (absent: 0); its mere existence is what the probe checks otherwise. */
    static final String GENERATION_KEY = "herd:feed:generation";
    /**
     * An outage longer than this may outlast the event bus's first retries, so fan-outs may have
     * been lost: on recovery the generation is bumped and every feed is rebuilt from PostgreSQL.
     */
    static final long LOSSY_OUTAGE_MS = 30_000;
    private final long lossyOutageMs;

    private final String address;
    private final Codec codec = new StringCodec(FeedConnection.class.getClassLoader());
    private final ScheduledExecutorService scheduler;
    private final RedissonClient client;
    private volatile boolean up;
    private volatile long generation;
    private final long started = System.currentTimeMillis();
    private volatile long downSince = started;

    private FeedConnection(URI uri, int timeoutMs, long lossyOutageMs) {
        this.lossyOutageMs = lossyOutageMs;
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        this.address = scheme + "://" + uri.getHost() + ":" + port;
        Config config = new Config();
        // codecs load classes through this bundle, never a caller's TCCL (OSGi); no connection in create()
        config.setUseThreadClassLoader(false);
        config.setCodec(codec);
        config.setLazyInitialization(true);
        config.setNettyThreads(4);
        config.setThreads(2);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null && !uri.getUserInfo().isEmpty()) {
            String info = uri.getUserInfo();
            int colon = info.indexOf(':');
            password = colon < 0 ? info : info.substring(colon + 1);
            user = colon <= 0 ? null : info.substring(0, colon);
        }
        config.useSingleServer().setAddress(address).setDatabase(path.isEmpty() ? 0 : Integer.parseInt(path))
                .setConnectionMinimumIdleSize(2).setConnectionPoolSize(16)
                .setSubscriptionConnectionMinimumIdleSize(0).setSubscriptionConnectionPoolSize(1)
                .setTimeout(timeoutMs).setRetryAttempts(0).setConnectTimeout(Math.max(1000, timeoutMs * 3))
                .setReconnectionDelay(new EqualJitterDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .setUsername(user).setPassword(password);
        this.client = Redisson.create(config);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herd-feeds-redis");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::probe, 0, 1, TimeUnit.SECONDS);
    }

    /**
     * A connection for the {@code social.herd.redis} configuration ({@code url}, {@code mode},
     * {@code timeout_ms}); one that is never available when it cannot be used for feeds.
     */
    public static FeedConnection from(Map<String, ?> config) {
        Object url = config.get("url");
        Object mode = config.get("mode");
        if (url == null || url.toString().isBlank()) return null;
        if (mode != null && !mode.toString().isBlank() && !mode.toString().equalsIgnoreCase("single")) {
            LOG.info("Home feeds need a single-server Redis for now: mode={}; timelines read PostgreSQL", mode);
            return null;
        }
        try {
            URI uri = new URI(url.toString().trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) return null;
            Object t = config.get("timeout_ms");
            return new FeedConnection(uri, t == null ? 300 : Integer.parseInt(t.toString().trim()), LOSSY_OUTAGE_MS);
        } catch (URISyntaxException | NumberFormatException e) {
            return null; // the kv bundle reports the bad value; feeds stay off
        }
    }

    /** For tests: a connection to {@code url} (redis://host:port). */
    public static FeedConnection to(String url) {
        return from(Map.of("url", url));
    }

    /** For tests: as {@link #to(String)}, with another outage length after which feeds start afresh. */
    static FeedConnection to(String url, long lossyOutageMs) {
        return new FeedConnection(URI.create(url), 300, lossyOutageMs);
    }

    @Override
    public boolean available() {
        return up;
    }

    @Override
    public Codec codec() {
        return codec;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public <T> T call(Function<RedissonClient, ? extends CompletionStage<T>> operation, long boundMs) {
        if (!up) throw new FeedsUnavailableException("redis down");
        return invoke(operation, boundMs);
    }

    private <T> T invoke(Function<RedissonClient, ? extends CompletionStage<T>> operation, long boundMs) {
        java.util.concurrent.CompletableFuture<T> future = null;
        try {
            future = operation.apply(client).toCompletableFuture();
            return future.get(boundMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedsUnavailableException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // an error reply (e.g. NOSCRIPT) means Redis is there: no reason to open the breaker
            if (cause instanceof RedisException && !(cause instanceof RedisConnectionException)
                    && !(cause instanceof RedisTimeoutException)) {
                throw (RedisException) cause;
            }
            throw trip(cause);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw trip(e);
        } catch (RedisException e) {
            throw trip(e);
        }
    }

    private FeedsUnavailableException trip(Throwable cause) {
        if (up) {
            LOG.warn("Redis {} unreachable for home feeds ({}); timelines read PostgreSQL until it answers", address,
                    cause.getClass().getSimpleName());
            downSince = System.currentTimeMillis();
        }
        up = false;
        return new FeedsUnavailableException("redis call failed: " + cause.getClass().getSimpleName());
    }

    /** Runs on the scheduler only: one bounded round trip that also reads the generation. */
    private void probe() {
        try {
            String g = invoke(c -> c.<String>getBucket(GENERATION_KEY, codec).getAsync(), 1000);
            long current = g == null ? 0 : Long.parseLong(g);
            if (!up) {
                long outage = System.currentTimeMillis() - downSince;
                if (outage > lossyOutageMs && downSince > started) {
                    current = invoke(c -> c.getAtomicLong(GENERATION_KEY).incrementAndGetAsync(), 1000);
                    LOG.info("Redis {} reachable after {} s: home feeds start afresh (generation {}), rebuilt on their next read",
                            address, outage / 1000, current);
                } else {
                    LOG.info("Redis {} reachable: home feeds in use", address);
                }
            }
            generation = current;
            up = true;
        } catch (RuntimeException e) {
            up = false;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.debug("Redisson shutdown failed", e);
        }
    }
}
