package social.herd.kv.impl;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.EqualJitterDelay;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;

/**
 * Where and how to reach Redis, read from the {@value RedisBackend#PID} configuration.
 * Keys: {@code url} ({@code redis://[user:pass@]host:port[/db]} or {@code rediss://}), {@code mode}
 * ({@code single}, {@code sentinel}, {@code cluster}), {@code sentinel_master}, {@code nodes}
 * (comma-separated {@code host:port} list) and {@code timeout_ms}.
 *
 * <p>The password is kept only to hand it to Redisson; {@link #toString()} and
 * {@link #redacted()} never contain it, so an endpoint can be logged safely.
 */
public final class RedisEndpoint {

    /** Deployment shapes Redisson supports that Herd exposes. */
    public enum Mode { SINGLE, SENTINEL, CLUSTER }

    static final int DEFAULT_TIMEOUT_MS = 300;

    private final String scheme;
    private final String host;
    private final int port;
    private final int database;
    private final String username;
    private final String password;
    private final Mode mode;
    private final String sentinelMaster;
    private final List<String> nodes;
    private final int timeoutMs;

    private RedisEndpoint(String scheme, String host, int port, int database, String username, String password,
            Mode mode, String sentinelMaster, List<String> nodes, int timeoutMs) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.database = database;
        this.username = username;
        this.password = password;
        this.mode = mode;
        this.sentinelMaster = sentinelMaster;
        this.nodes = List.copyOf(nodes);
        this.timeoutMs = timeoutMs;
    }

    /**
     * Reads the configuration. Returns null when {@code url} is absent or blank (no Redis: every
     * service runs in-process). Invalid values throw with a message naming the key, never the value
     * of {@code url} (it may hold the password).
     */
    public static RedisEndpoint from(Map<String, ?> properties) {
        Object rawUrl = properties.get("url");
        String url = rawUrl == null ? "" : rawUrl.toString().trim();
        if (url.isEmpty()) return null;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("url", "is not a valid URI (expected redis://[user:pass@]host:port[/db])");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw invalid("url", "must start with redis:// or rediss://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) throw invalid("url", "has no host");
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        int database = 0;
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (!path.isEmpty()) {
            try {
                database = Integer.parseInt(path);
            } catch (NumberFormatException e) {
                throw invalid("url", "database (the path) must be a number");
            }
            if (database < 0) throw invalid("url", "database must not be negative");
        }
        String username = null;
        String password = null;
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = userInfo; // redis://secret@host is the old AUTH-only form
            } else {
                username = userInfo.substring(0, colon).isEmpty() ? null : userInfo.substring(0, colon);
                password = userInfo.substring(colon + 1).isEmpty() ? null : userInfo.substring(colon + 1);
            }
        }
        Mode mode;
        String rawMode = text(properties, "mode", "single").toUpperCase(Locale.ROOT);
        try {
            mode = Mode.valueOf(rawMode);
        } catch (IllegalArgumentException e) {
            throw invalid("mode", "must be single, sentinel or cluster");
        }
        String master = text(properties, "sentinel_master", "");
        if (mode == Mode.SENTINEL && master.isEmpty()) throw invalid("sentinel_master", "is required when mode=sentinel");
        List<String> nodes = new ArrayList<>();
        for (String n : text(properties, "nodes", "").split(",")) {
            String node = n.trim();
            if (node.isEmpty()) continue;
            nodes.add(node.contains("://") ? node : scheme + "://" + node);
        }
        if (nodes.isEmpty()) nodes.add(scheme + "://" + hostPort(uri.getHost(), port));
        int timeout;
        try {
            timeout = Integer.parseInt(text(properties, "timeout_ms", String.valueOf(DEFAULT_TIMEOUT_MS)));
        } catch (NumberFormatException e) {
            throw invalid("timeout_ms", "must be a whole number of milliseconds");
        }
        if (timeout < 10 || timeout > 60_000) throw invalid("timeout_ms", "must be between 10 and 60000");
        return new RedisEndpoint(scheme, uri.getHost(), port, database, username, password, mode, master, nodes, timeout);
    }

    /** Per-command timeout in milliseconds. */
    public int timeoutMs() {
        return timeoutMs;
    }

    public Mode mode() {
        return mode;
    }

    /** {@code redis://host:port/db (mode)}, without credentials: safe to log and to show in health. */
    public String redacted() {
        String where = mode == Mode.SINGLE ? scheme + "://" + hostPort(host, port) + "/" + database : String.join(",", nodes);
        return where + (password != null ? " (auth)" : "") + " [" + mode.name().toLowerCase(Locale.ROOT) + "]";
    }

    @Override
    public String toString() {
        return redacted();
    }

    /**
     * A Redisson configuration that never makes a caller wait long: {@code timeout_ms} per command, no
     * retries (the circuit breaker in {@link RedisBackend} handles outages), short connect timeout and
     * reconnection backoff capped at one second so recovery is noticed quickly.
     */
    Config toRedissonConfig(ClassLoader loader) {
        Config config = new Config();
        // Codecs must load classes through this bundle, not through whatever TCCL a caller has (OSGi).
        config.setUseThreadClassLoader(false);
        config.setCodec(new org.redisson.client.codec.StringCodec(loader));
        // Connect on first use instead of in create(): a dead Redis must not fail component activation.
        config.setLazyInitialization(true);
        config.setNettyThreads(4);
        config.setThreads(4);
        int connectTimeout = Math.max(1000, timeoutMs * 3);
        EqualJitterDelay reconnect = new EqualJitterDelay(Duration.ofMillis(100), Duration.ofSeconds(1));
        switch (mode) {
            case SINGLE -> {
                SingleServerConfig s = config.useSingleServer()
                        .setAddress(scheme + "://" + hostPort(host, port))
                        .setDatabase(database)
                        .setConnectionMinimumIdleSize(2)
                        .setConnectionPoolSize(32)
                        .setSubscriptionConnectionMinimumIdleSize(1)
                        .setSubscriptionConnectionPoolSize(8);
                s.setTimeout(timeoutMs).setRetryAttempts(0).setConnectTimeout(connectTimeout)
                        .setSubscriptionTimeout(connectTimeout).setReconnectionDelay(reconnect)
                        .setUsername(username).setPassword(password);
            }
            case SENTINEL -> {
                SentinelServersConfig s = config.useSentinelServers()
                        .setMasterName(sentinelMaster)
                        .setDatabase(database)
                        .setCheckSentinelsList(false)
                        .setMasterConnectionMinimumIdleSize(2)
                        .setSlaveConnectionMinimumIdleSize(2);
                nodes.forEach(s::addSentinelAddress);
                s.setTimeout(timeoutMs).setRetryAttempts(0).setConnectTimeout(connectTimeout)
                        .setSubscriptionTimeout(connectTimeout).setReconnectionDelay(reconnect)
                        .setUsername(username).setPassword(password);
            }
            case CLUSTER -> {
                ClusterServersConfig s = config.useClusterServers()
                        .setMasterConnectionMinimumIdleSize(2)
                        .setSlaveConnectionMinimumIdleSize(2);
                nodes.forEach(s::addNodeAddress);
                s.setTimeout(timeoutMs).setRetryAttempts(0).setConnectTimeout(connectTimeout)
                        .setSubscriptionTimeout(connectTimeout).setReconnectionDelay(reconnect)
                        .setUsername(username).setPassword(password);
            }
        }
        return config;
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String text(Map<String, ?> properties, String key, String fallback) {
        Object v = properties.get(key);
        String s = v == null ? "" : v.toString().trim();
        return s.isEmpty() ? fallback : s;
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(RedisBackend.PID + ": " + key + " " + problem);
    }
}
