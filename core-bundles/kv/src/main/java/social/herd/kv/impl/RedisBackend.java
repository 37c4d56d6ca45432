package social.herd.kv.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.redisson.Redisson;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.Codec;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.health.HealthStatus;

/**
 * Owns the Redisson client and a circuit breaker around it. Kept in its own immediate component
 * (OSGi-NOTES trap 12) so the connection pool outlives any consumer that comes and goes.
 *
 * <p>Breaker: the state is <em>up</em> or <em>down</em>. Any failed or timed-out call trips it to
 * down (except a NOSCRIPT reply, which proves Redis is there); from then on calls fail at once (no
 * network, no waiting) and a probe on this component's own scheduler checks Redis every second. When a
 * probe succeeds the state returns to up and the recovery listeners run (pub/sub resubscribes, the
 * cache replays lost invalidations, feeds decide whether to start afresh after a long {@link #outage()}).
 * The probe also runs while up, so an idle node notices an outage within a second too.
 *
 * <p>Without a {@code url} there is no client at all: {@link #configured()} is false and every
 * service uses its in-process implementation (feeds: none).
 */
@Component(service = RedisBackend.class, immediate = true, configurationPid = RedisBackend.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class RedisBackend {

    /** ConfigAdmin PID holding {@code url}, {@code mode}, {@code sentinel_master}, {@code nodes}, {@code timeout_ms}. */
    public static final String PID = "social.herd.redis";

    static final long PROBE_INTERVAL_MS = 1000;
    /** Key the probe reads; its absence is fine, only the round trip matters. */
    private static final String PROBE_KEY = "herd:kv:probe";
    private static final Logger LOG = LoggerFactory.getLogger(RedisBackend.class);

    private final RedisEndpoint endpoint;
    private final ScheduledExecutorService scheduler;
    private final Codec codec = new StringCodec(RedisBackend.class.getClassLoader());
    private final Clock clock = Clock.systemUTC();
    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
    private final long callBoundMs;
    private volatile RedissonClient client;
    private volatile boolean up;
    private volatile boolean everReported;
    private volatile boolean everUp;
    private volatile Instant downSince;
    /**
     * When Redis, once in use, stopped answering; null while up and before it was first reached. Kept
     * through a recovery that fails half-way, so that listeners see the whole outage.
     */
    private volatile Instant lostAt;
    private volatile String lastFailure = "not connected yet";

    /**
     * Reads the {@value #PID} configuration; with a {@code url}, creates the client and waits briefly
     * (at most about two seconds) for the first probe, so that a healthy Redis is in use as soon as the
     * services register, while a dead one cannot hold up start-up.
     */
    @Activate
    public RedisBackend(Map<String, Object> properties) {
        this.endpoint = RedisEndpoint.from(properties);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herd-kv-redis");
            t.setDaemon(true);
            return t;
        });
        // A caller waits at most the command timeout plus a little for scheduling and connection hand-out.
        this.callBoundMs = endpoint == null ? 0 : endpoint.timeoutMs() + 200L;
        if (endpoint == null) {
            LOG.info("No Redis configured: cache, pub/sub, locks and rate limits are in-process");
            return;
        }
        downSince = clock.instant();
        Future<?> first = scheduler.submit(this::probe);
        try {
            first.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // keep starting: the probe carries on in the background and services fall back meanwhile
        } catch (ExecutionException e) {
            LOG.debug("First Redis probe failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.scheduleWithFixedDelay(this::probe, PROBE_INTERVAL_MS, PROBE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Public for tests of other bundles that run the kv services outside OSGi. */
    @Deactivate
    public void deactivate() {
        scheduler.shutdownNow();
        RedissonClient c = client;
        client = null;
        up = false;
        if (c != null) {
            try {
                c.shutdown(0, 2, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                LOG.debug("Redisson shutdown failed", e);
            }
        }
    }

    /** True when a Redis url is configured (whether or not it is reachable right now). */
    public boolean configured() {
        return endpoint != null;
    }

    /** True when configured and the breaker is closed (last call or probe succeeded). */
    public boolean available() {
        return endpoint != null && up && client != null;
    }

    /** The codec every service uses: plain UTF-8 strings, classes loaded through this bundle. */
    public Codec codec() {
        return codec;
    }

    /** This component's scheduler, for small housekeeping tasks of the services (never blocking ones). */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Runs one Redis operation and waits for it, bounded by {@code timeout_ms} plus a small margin.
     *
     * @throws RedisUnavailableException at once when Redis is not configured or known to be down, or
     *         when the call fails or times out (which trips the breaker)
     * @throws RedisNoScriptException only for scripts run by SHA, see {@link #call(Function, long)}
     */
    public <T> T call(Function<RedissonClient, RFuture<T>> operation) {
        return call(operation, callBoundMs);
    }

    /**
     * As {@link #call(Function)}, waiting up to {@code boundMs} (never less than the usual bound): for
     * operations that carry a longer timeout of their own, such as a pipelined batch.
     *
     * @throws RedisNoScriptException when Redis answered that a script run by its SHA is not loaded
     *         (it restarted or flushed its scripts): Redis is there, so this does not trip the breaker;
     *         the caller loads the script and retries
     */
    public <T> T call(Function<RedissonClient, RFuture<T>> operation, long boundMs) {
        RedissonClient c = client;
        if (endpoint == null || c == null) throw new RedisUnavailableException("redis not configured");
        if (!up) throw new RedisUnavailableException("redis down");
        return invoke(c, operation, Math.max(boundMs, callBoundMs));
    }

    /**
     * Registers work to do each time Redis becomes reachable again (after start-up or an outage). It
     * runs on this component's scheduler and may use {@link #call}.
     */
    public void onRecovery(Runnable listener) {
        recoveryListeners.add(listener);
    }

    public void removeRecoveryListener(Runnable listener) {
        recoveryListeners.remove(listener);
    }

    /**
     * For recovery listeners: how long Redis had been unreachable, from the first failure after it was
     * last in use until now. Zero when no outage is under way or being recovered from, and for the
     * first connection after start-up (no outage this node lived through).
     */
    public Duration outage() {
        Instant since = lostAt;
        return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
    }

    /** UP when connected or not configured, DEGRADED while unreachable; never DOWN (Redis is optional). */
    public HealthStatus health() {
        if (endpoint == null) return HealthStatus.up("in-process");
        if (available()) return HealthStatus.up("connected to " + endpoint.redacted());
        return HealthStatus.degraded(endpoint.redacted() + " unreachable since " + downSince + " (" + lastFailure
                + "); falling back to in-process");
    }

    private <T> T invoke(RedissonClient c, Function<RedissonClient, RFuture<T>> operation, long boundMs) {
        RFuture<T> future = null;
        try {
            future = operation.apply(c);
            return future.toCompletableFuture().get(boundMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            RedisNoScriptException noScript = noScript(cause);
            if (noScript != null) throw noScript; // an answer: Redis is reachable, the breaker stays closed
            trip(cause);
        } catch (TimeoutException e) {
            future.cancel(false);
            trip(new TimeoutException("no answer within " + boundMs + " ms"));
        } catch (RuntimeException e) {
            trip(e);
        }
        throw new RedisUnavailableException("redis call failed: " + lastFailure);
    }

    /** Probe: create the client if needed, then one bounded round trip. Runs only on the scheduler. */
    private void probe() {
        try {
            RedissonClient c = client;
            if (c == null) {
                c = Redisson.create(endpoint.toRedissonConfig(RedisBackend.class.getClassLoader()));
                client = c;
            }
            invoke(c, rc -> rc.getBucket(PROBE_KEY, codec).isExistsAsync(), callBoundMs);
            if (!up) recover();
        } catch (RedisUnavailableException e) {
            // trip() has recorded and logged it
        } catch (RuntimeException e) {
            trip(e);
        }
    }

    private void recover() {
        // Open the breaker first so recovery steps can use call(); steps that must hide stale state
        // until they finish (the cache's lost invalidations) guard it themselves.
        up = true;
        for (Runnable r : recoveryListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("Redis recovery step failed: {}", e.toString());
            }
        }
        if (!up) return; // a recovery step found Redis gone again; stay down, the next probe retries
        everReported = true;
        everUp = true;
        downSince = null;
        lostAt = null;
        LOG.info("Redis {} reachable: cache, pub/sub, locks and rate limits are shared", endpoint.redacted());
    }

    private void trip(Throwable failure) {
        // Redisson wraps the real reason (refused, timed out) in layers of ExecutionException: report the innermost.
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        String reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage()));
        lastFailure = reason;
        boolean wasUp = up;
        up = false;
        if (everUp && lostAt == null) lostAt = clock.instant();
        if (wasUp || !everReported) {
            everReported = true;
            downSince = clock.instant();
            // One line per outage, not per request: the breaker keeps later calls off the network.
            LOG.warn("Redis {} unreachable ({}); falling back to in-process until it answers again",
                    endpoint.redacted(), reason);
        }
    }

    /** The "NOSCRIPT" error reply in {@code failure}'s causes (batches may wrap it), or null. */
    private static RedisNoScriptException noScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisNoScriptException e) return e;
            if (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")) return new RedisNoScriptException(t.getMessage());
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
