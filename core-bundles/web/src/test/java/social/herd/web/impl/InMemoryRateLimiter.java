package social.herd.web.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import social.herd.api.kv.RateLimiter;

/** A fixed-window limiter in a map, for tests. */
final class InMemoryRateLimiter implements RateLimiter {

    private final Map<String, long[]> windows = new HashMap<>();
    private final Instant now;

    InMemoryRateLimiter(Instant now) {
        this.now = now;
    }

    @Override
    public synchronized Decision hit(String bucket, long limit, Duration window) {
        long windowStart = now.toEpochMilli() / window.toMillis() * window.toMillis();
        long[] state = windows.computeIfAbsent(bucket, b -> new long[] {windowStart, 0});
        if (state[0] != windowStart) {
            state[0] = windowStart;
            state[1] = 0;
        }
        state[1]++;
        boolean allowed = state[1] <= limit;
        return new Decision(allowed, limit, allowed ? limit - state[1] : 0,
                Instant.ofEpochMilli(windowStart + window.toMillis()));
    }

    synchronized long hits(String bucket) {
        long[] state = windows.get(bucket);
        return state == null ? 0 : state[1];
    }
}
