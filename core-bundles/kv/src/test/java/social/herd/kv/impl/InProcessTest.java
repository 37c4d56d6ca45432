package social.herd.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.herd.api.health.HealthStatus;
import social.herd.api.kv.ClusterLocks;
import social.herd.api.kv.PubSub;
import social.herd.api.kv.RateLimiter.Decision;
import social.herd.kv.impl.local.LocalCache;

/** Every service without Redis configured: the single-node defaults. */
class InProcessTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:30.250Z");
    private final Kv kv = new Kv(Map.of("url", ""), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        kv.close();
    }

    @Test
    void healthIsUpInProcess() {
        assertThat(kv.backend.configured()).isFalse();
        assertThat(kv.health.name()).isEqualTo("redis");
        assertThat(kv.health.check()).isEqualTo(HealthStatus.up("in-process"));
    }

    @Test
    void cacheStoresExpiresAndDeletes() throws Exception {
        kv.cache.put("a", "1", Duration.ofMinutes(1));
        kv.cache.put("short", "2", Duration.ofMillis(50));
        assertThat(kv.cache.get("a")).contains("1");
        assertThat(kv.cache.get("short")).contains("2");
        assertThat(kv.cache.get("missing")).isEmpty();
        kv.cache.put("a", "1b", Duration.ofMinutes(1));
        assertThat(kv.cache.get("a")).contains("1b");
        Thread.sleep(120);
        assertThat(kv.cache.get("short")).isEmpty();
        kv.cache.delete("a");
        assertThat(kv.cache.get("a")).isEmpty();
        assertThatThrownBy(() -> kv.cache.put("z", "v", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void localCacheIsBoundedAndEvictsSoonestToExpireFirst() {
        LocalCache cache = new LocalCache(100);
        cache.put("keeper", "k", Duration.ofHours(1));
        for (int i = 0; i < 1000; i++) cache.put("k" + i, "v", Duration.ofMinutes(1));
        assertThat(cache.size()).isLessThanOrEqualTo(100);
        assertThat(cache.get("keeper")).contains("k");
        assertThat(cache.get("k999")).contains("v");
    }

    @Test
    void pubSubDeliversLocallyUntilClosedAndIsolatesFailingListeners() {
        List<String> got = new CopyOnWriteArrayList<>();
        PubSub.Subscription failing = kv.pubSub.subscribe("ch", m -> {
            throw new IllegalStateException("boom");
        });
        PubSub.Subscription sub = kv.pubSub.subscribe("ch", got::add);
        kv.pubSub.publish("ch", "one");
        kv.pubSub.publish("other", "not for us");
        sub.close();
        sub.close();
        kv.pubSub.publish("ch", "two");
        failing.close();
        assertThat(got).containsExactly("one");
    }

    @Test
    void locksAreExclusiveUntilClosedOrLeaseEnds() throws Exception {
        Optional<ClusterLocks.Held> first = kv.locks.tryLock("job", Duration.ofMinutes(1));
        assertThat(first).isPresent();
        assertThat(kv.locks.tryLock("job", Duration.ofMinutes(1))).isEmpty();
        assertThat(kv.locks.tryLock("other", Duration.ofMinutes(1))).isPresent();
        first.get().close();
        Optional<ClusterLocks.Held> second = kv.locks.tryLock("job", Duration.ofMillis(50));
        assertThat(second).isPresent();
        Thread.sleep(100);
        Optional<ClusterLocks.Held> third = kv.locks.tryLock("job", Duration.ofMinutes(1));
        assertThat(third).as("lease ran out").isPresent();
        second.get().close(); // late close of an expired lease must not free the new holder's lock
        assertThat(kv.locks.tryLock("job", Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void rateLimiterCountsFixedEpochAlignedWindows() {
        Instant reset = Instant.parse("2026-03-01T12:01:00Z");
        assertThat(kv.limiter.hit("ip:1", 3, Duration.ofMinutes(1))).isEqualTo(new Decision(true, 3, 2, reset));
        assertThat(kv.limiter.hit("ip:1", 3, Duration.ofMinutes(1))).isEqualTo(new Decision(true, 3, 1, reset));
        assertThat(kv.limiter.hit("ip:1", 3, Duration.ofMinutes(1))).isEqualTo(new Decision(true, 3, 0, reset));
        assertThat(kv.limiter.hit("ip:1", 3, Duration.ofMinutes(1))).isEqualTo(new Decision(false, 3, 0, reset));
        assertThat(kv.limiter.hit("ip:2", 3, Duration.ofMinutes(1))).isEqualTo(new Decision(true, 3, 2, reset));
        assertThat(kv.limiter.hit("ip:1", 300, Duration.ofMinutes(5)))
                .isEqualTo(new Decision(true, 300, 299, Instant.parse("2026-03-01T12:05:00Z")));
    }

    @Test
    void rateLimiterStartsAFreshWindowAtTheBoundary() {
        var backend = kv.backend;
        Instant[] now = {Instant.parse("2026-03-01T12:00:59.999Z")};
        KvRateLimiter limiter = new KvRateLimiter(backend, new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        });
        try {
            assertThat(limiter.hit("b", 1, Duration.ofMinutes(1)).allowed()).isTrue();
            assertThat(limiter.hit("b", 1, Duration.ofMinutes(1)).allowed()).isFalse();
            now[0] = Instant.parse("2026-03-01T12:01:00Z");
            assertThat(limiter.hit("b", 1, Duration.ofMinutes(1)))
                    .isEqualTo(new Decision(true, 1, 0, Instant.parse("2026-03-01T12:02:00Z")));
        } finally {
            limiter.deactivate();
        }
    }
}
