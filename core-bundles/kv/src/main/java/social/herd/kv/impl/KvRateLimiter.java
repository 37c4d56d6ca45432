package social.herd.kv.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.redisson.api.RScript;
import social.herd.api.kv.RateLimiter;
import social.herd.kv.impl.local.LocalRateCounter;
import social.herd.kv.impl.local.Ttl;

/**
 * The {@link RateLimiter} service: fixed windows aligned to the epoch, as Mastodon's rack-attack
 * does. Window {@code i} of length {@code w} covers {@code [i*w, (i+1)*w)} milliseconds, so every node
 * agrees on the boundaries without coordination and {@code resetAt} is exact: {@code (i+1)*w}.
 *
 * <p>With Redis the count lives in {@value #PREFIX}{@code <bucket>:<w>:<i>}, incremented by a Lua
 * script that also sets its expiry on the first hit; INCR is atomic, so concurrent nodes never lose a
 * hit. While Redis is away, or without Redis, the same windows are counted on this node
 * ({@link LocalRateCounter}): limits stay enforced per node and requests keep being answered.
 */
// Immediate: in-process state (entries, listeners, leases, counters) must survive consumers releasing
// and re-getting the service, which the JAX-RS whiteboard does on every application rebuild.
@Component(service = RateLimiter.class, immediate = true)
public final class KvRateLimiter implements RateLimiter {

    static final String PREFIX = "herd:rl:";
    /** Keys outlive their window by this much so a slightly slow node clock still finds its count. */
    private static final long EXPIRY_SLACK_MS = 1000;
    private static final String HIT =
            "local n = redis.call('INCR', KEYS[1]) "
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
            + "return n";

    private final RedisBackend redis;
    private final Clock clock;
    private final LocalRateCounter local = new LocalRateCounter();
    private final ScheduledFuture<?> sweeper;

    @Activate
    public KvRateLimiter(@Reference RedisBackend redis) {
        this(redis, Clock.systemUTC());
    }

    KvRateLimiter(RedisBackend redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.sweeper = redis.scheduler().scheduleWithFixedDelay(() -> local.sweep(clock.millis()), 10, 10, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sweeper.cancel(false);
    }

    @Override
    public Decision hit(String bucket, long limit, Duration window) {
        Objects.requireNonNull(bucket, "bucket");
        if (limit < 0) throw new IllegalArgumentException("limit must not be negative: " + limit);
        long w = Ttl.checked(window).toMillis();
        long now = clock.millis();
        long index = Math.floorDiv(now, w);
        long resetAt = (index + 1) * w;
        String key = bucket + ":" + w + ":" + index;
        long count = redis.configured() ? sharedCount(key, index, resetAt, resetAt - now) : local.increment(key, index, resetAt);
        boolean allowed = count <= limit;
        return new Decision(allowed, limit, allowed ? limit - count : 0, Instant.ofEpochMilli(resetAt));
    }

    private long sharedCount(String key, long index, long resetAt, long msLeft) {
        try {
            Long n = redis.call(c -> c.getScript(redis.codec()).<Long>evalAsync(RScript.Mode.READ_WRITE, HIT,
                    RScript.ReturnType.INTEGER, List.of(PREFIX + key), String.valueOf(msLeft + EXPIRY_SLACK_MS)));
            if (n != null) return n;
        } catch (RedisUnavailableException e) {
            // fall through: count on this node
        }
        return local.increment(key, index, resetAt);
    }
}
