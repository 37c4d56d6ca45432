package social.herd.streaming.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming settings from ConfigAdmin PID {@value #PID} (all optional, e.g. a
 * {@code deploy/social.herd.streaming.config} file).
 *
 * <ul>
 *   <li>{@code max_connections_per_account} (20), {@code max_connections_per_ip} (200): open streams
 *       per account and per client address on one node; more are refused with 429</li>
 *   <li>{@code queue_max_events} (1000), {@code queue_max_bytes} (4 MiB): a connection's outbox; a
 *       client whose outbox would exceed either is disconnected</li>
 *   <li>{@code heartbeat_seconds} (15): SSE comment or WebSocket ping when idle; a WebSocket that
 *       answered no ping for three intervals is closed</li>
 *   <li>{@code dispatch_threads} (2), {@code dispatch_backlog} (10000): rendering lanes (they read the
 *       database) and the messages each may hold before dropping</li>
 *   <li>{@code revalidate_seconds} (60): how often an open stream checks that its token still holds</li>
 *   <li>{@code trusted_proxies} (none): as the web bundle's key of that name, so that per-address
 *       limits see clients rather than the proxy. Not read from {@code social.herd.web}: Felix SCR
 *       ignored this PID at start-up when the component named both and the web one was absent.</li>
 * </ul>
 */
public record StreamingSettings(int maxPerAccount, int maxPerAddress, int queueMaxEvents, long queueMaxBytes,
                                long heartbeatMillis, int dispatchThreads, int dispatchBacklog, long hiddenCacheMillis,
                                long revalidateMillis, List<String> trustedProxies) {

    public static final String PID = "social.herd.streaming";

    private static final Logger LOG = LoggerFactory.getLogger(StreamingSettings.class);

    public static StreamingSettings defaults() {
        return from(Map.of());
    }

    public static StreamingSettings from(Map<String, ?> p) {
        return new StreamingSettings(
                positive(p, "max_connections_per_account", 20),
                positive(p, "max_connections_per_ip", 200),
                positive(p, "queue_max_events", 1000),
                positive(p, "queue_max_bytes", 4L << 20),
                positive(p, "heartbeat_seconds", 15) * 1000L,
                positive(p, "dispatch_threads", 2),
                positive(p, "dispatch_backlog", 10_000),
                30_000L,
                positive(p, "revalidate_seconds", 60) * 1000L,
                strings(p.get("trusted_proxies")));
    }

    /** A copy with other outbox limits and intervals, for tests. */
    public StreamingSettings withOutbox(int events, long bytes, long heartbeat, long revalidate) {
        return new StreamingSettings(maxPerAccount, maxPerAddress, events, bytes, heartbeat, dispatchThreads,
                dispatchBacklog, hiddenCacheMillis, revalidate, trustedProxies);
    }

    /** A copy with other connection limits, for tests. */
    public StreamingSettings withLimits(int perAccount, int perAddress) {
        return new StreamingSettings(perAccount, perAddress, queueMaxEvents, queueMaxBytes, heartbeatMillis,
                dispatchThreads, dispatchBacklog, hiddenCacheMillis, revalidateMillis, trustedProxies);
    }

    private static int positive(Map<String, ?> p, String key, int fallback) {
        return (int) positive(p, key, (long) fallback);
    }

    private static long positive(Map<String, ?> p, String key, long fallback) {
        Object v = p.get(key);
        if (v == null) return fallback;
        try {
            long n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().strip());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("config {} key {} = '{}' is not a positive whole number; using {}", PID, key, v, fallback);
        return fallback;
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof String s) {
            for (String part : s.split("[,\\s]+")) if (!part.isBlank()) out.add(part.strip());
        } else if (v instanceof String[] a) {
            for (String s : a) out.addAll(strings(s));
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) out.addAll(strings(o == null ? null : o.toString()));
        }
        return List.copyOf(out);
    }
}
