package social.herd.oauth.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import social.herd.api.kv.Cache;
import social.herd.api.kv.RateLimiter;

/** In-memory cache and fixed-window limiter standing in for the kv bundle's services. */
final class TestKv implements Cache, RateLimiter {

    private record Value(String value, Instant expires) {}

    private final Map<String, Value> values = new ConcurrentHashMap<>();
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        Value v = values.get(key);
        return v == null || v.expires().isBefore(Instant.now()) ? Optional.empty() : Optional.of(v.value());
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        values.put(key, new Value(value, Instant.now().plus(ttl)));
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    @Override
    public synchronized Decision hit(String bucket, long limit, Duration window) {
        long now = System.currentTimeMillis();
        long start = now / window.toMillis() * window.toMillis();
        long[] w = windows.computeIfAbsent(bucket, b -> new long[] {start, 0});
        if (w[0] != start) {
            w[0] = start;
            w[1] = 0;
        }
        w[1]++;
        boolean allowed = w[1] <= limit;
        return new Decision(allowed, limit, allowed ? limit - w[1] : 0, Instant.ofEpochMilli(start + window.toMillis()));
    }
}
