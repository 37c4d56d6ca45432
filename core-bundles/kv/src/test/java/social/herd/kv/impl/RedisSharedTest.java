package social.herd.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.health.HealthStatus;
import social.herd.api.kv.ClusterLocks;
import social.herd.api.kv.PubSub;
import social.herd.api.kv.RateLimiter.Decision;
import social.herd.testing.TestRedis;

/** Two nodes (separate component instances) against one real Redis share cache, locks and counters. */
class RedisSharedTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:30.250Z");
    private static Kv a;
    private static Kv b;

    @BeforeAll
    static void start() {
        String url = TestRedis.shared().url();
        a = new Kv(Map.of("url", url), Clock.fixed(NOW, ZoneOffset.UTC));
        b = new Kv(Map.of("url", url), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String unique(String prefix) {
        return prefix + ":" + UUID.randomUUID();
    }

    @Test
    void healthIsUpAndConnected() {
        HealthStatus status = a.health.check();
        assertThat(status.state()).isEqualTo(HealthStatus.State.UP);
        assertThat(status.detail()).startsWith("connected to redis://127.0.0.1:" + TestRedis.shared().port());
    }

    @Test
    void cacheIsSharedBetweenNodes() throws Exception {
        String key = unique("k");
        String gone = unique("gone");
        a.cache.put(key, "héllo ✓", Duration.ofMinutes(1));
        a.cache.put(gone, "x", Duration.ofMillis(100));
        assertThat(b.cache.get(key)).contains("héllo ✓");
        b.cache.put(key, "v2", Duration.ofMinutes(1));
        assertThat(a.cache.get(key)).contains("v2");
        b.cache.delete(key);
        assertThat(a.cache.get(key)).isEmpty();
        Thread.sleep(250);
        assertThat(b.cache.get(gone)).as("expired in Redis").isEmpty();
    }

    @Test
    void pubSubCrossesNodesAndReachesThePublisherOnce() {
        String channel = unique("ch");
        List<String> onA = new CopyOnWriteArrayList<>();
        List<String> onB = new CopyOnWriteArrayList<>();
        PubSub.Subscription subA = a.pubSub.subscribe(channel, onA::add);
        PubSub.Subscription subB = b.pubSub.subscribe(channel, onB::add);
        b.pubSub.publish(channel, "from b");
        a.pubSub.publish(channel, "from a");
        Kv.await(Duration.ofSeconds(5), "both messages reached both nodes", () -> onA.size() >= 2 && onB.size() >= 2);
        subB.close();
        a.pubSub.publish(channel, "after b left");
        Kv.await(Duration.ofSeconds(5), "third message reached a", () -> onA.size() >= 3);
        assertThat(onA).containsExactlyInAnyOrder("from b", "from a", "after b left");
        assertThat(onB).containsExactlyInAnyOrder("from b", "from a");
        subA.close();
    }

    @Test
    void locksAreExclusiveAcrossNodes() throws Exception {
        String name = unique("lock");
        Optional<ClusterLocks.Held> held = a.locks.tryLock(name, Duration.ofMinutes(1));
        assertThat(held).isPresent();
        assertThat(b.locks.tryLock(name, Duration.ofMinutes(1))).isEmpty();
        assertThat(a.locks.tryLock(name, Duration.ofMinutes(1))).as("not reentrant").isEmpty();
        held.get().close();
        Optional<ClusterLocks.Held> short1 = b.locks.tryLock(name, Duration.ofMillis(100));
        assertThat(short1).isPresent();
        Thread.sleep(250);
        Optional<ClusterLocks.Held> after = a.locks.tryLock(name, Duration.ofMinutes(1));
        assertThat(after).as("lease ran out").isPresent();
        short1.get().close(); // must not release a's lock: the token differs
        assertThat(b.locks.tryLock(name, Duration.ofMinutes(1))).isEmpty();
        after.get().close();
    }

    @Test
    void rateLimitCountsAreSharedWithExactDecisions() {
        String bucket = unique("ip");
        Instant reset = Instant.parse("2026-03-01T12:01:00Z");
        assertThat(a.limiter.hit(bucket, 3, Duration.ofMinutes(1))).isEqualTo(new Decision(true, 3, 2, reset));
        assertThat(b.limiter.hit(bucket, 3, Duration.ofMinutes(1))).isEqualTo(new Decision(true, 3, 1, reset));
        assertThat(a.limiter.hit(bucket, 3, Duration.ofMinutes(1))).isEqualTo(new Decision(true, 3, 0, reset));
        assertThat(b.limiter.hit(bucket, 3, Duration.ofMinutes(1))).isEqualTo(new Decision(false, 3, 0, reset));
        assertThat(a.limiter.hit(bucket, 3, Duration.ofMinutes(1))).isEqualTo(new Decision(false, 3, 0, reset));
    }

    @Test
    void concurrentHitsFromBothNodesAreNeverLost() throws Exception {
        String bucket = unique("burst");
        AtomicLong allowed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 200; i++) {
                Kv node = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> {
                    if (node.limiter.hit(bucket, 50, Duration.ofHours(1)).allowed()) allowed.incrementAndGet();
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
        assertThat(allowed.get()).isEqualTo(50);
        assertThat(a.limiter.hit(bucket, 1000, Duration.ofHours(1)).remaining()).isEqualTo(1000 - 201);
    }
}
