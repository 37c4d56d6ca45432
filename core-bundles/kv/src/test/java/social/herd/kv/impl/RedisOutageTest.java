package social.herd.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.kv.impl.Kv.within1s;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.herd.api.health.HealthStatus;
import social.herd.api.kv.PubSub;
import social.herd.api.kv.RateLimiter.Decision;
import social.herd.testing.TestRedis;

/**
 * Redis goes away and comes back (a private server, stopped and resumed on the same port): nothing
 * hangs, health says DEGRADED, limits stay enforced per node, and everything is shared again after
 * recovery without anyone restarting anything.
 */
class RedisOutageTest {

    private static final Duration RECOVERY = Duration.ofSeconds(10);
    private TestRedis redis;
    private Kv a;
    private Kv b;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
    }

    @AfterEach
    void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
        redis.close();
    }

    @Test
    void degradesWhileRedisIsGoneAndRecoversByItself() throws Exception {
        a = Kv.redis(redis.url());
        b = Kv.redis(redis.url());
        assertThat(a.health.check().state()).isEqualTo(HealthStatus.State.UP);
        List<String> onA = new CopyOnWriteArrayList<>();
        PubSub.Subscription before = a.pubSub.subscribe("news", onA::add);
        a.cache.put("kept", "v1", Duration.ofMinutes(5));
        a.cache.put("invalidated", "old", Duration.ofMinutes(5));
        assertThat(b.cache.get("invalidated")).contains("old");

        redis.stop();

        // The first call notices the outage within its timeout; then the breaker answers at once.
        assertThat(within1s(() -> a.cache.get("kept"))).isEmpty();
        Kv.await(Duration.ofSeconds(3), "b noticed the outage", () -> !b.backend.available());
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) assertThat(a.cache.get("kept")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fail fast while known down").isLessThan(Duration.ofSeconds(1));

        HealthStatus degraded = a.health.check();
        assertThat(degraded.state()).isEqualTo(HealthStatus.State.DEGRADED);
        assertThat(degraded.detail()).contains("falling back to in-process");

        within1s(() -> a.cache.put("new", "dropped", Duration.ofMinutes(5)));
        within1s(() -> a.cache.delete("invalidated")); // lost in Redis: must be replayed on recovery
        assertThat(within1s(() -> a.locks.tryLock("job", Duration.ofSeconds(30)))).as("no lock without Redis").isEmpty();

        within1s(() -> a.pubSub.publish("news", "local only"));
        assertThat(onA).containsExactly("local only");
        List<String> duringOutage = new CopyOnWriteArrayList<>();
        PubSub.Subscription during = within1s(() -> a.pubSub.subscribe("alerts", duringOutage::add));

        for (int i = 1; i <= 3; i++) {
            Decision d = within1s(() -> a.limiter.hit("ip:outage", 3, Duration.ofHours(1)));
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(3 - i);
        }
        assertThat(within1s(() -> a.limiter.hit("ip:outage", 3, Duration.ofHours(1))).allowed())
                .as("limit still enforced on this node").isFalse();

        redis.resume();

        Kv.await(RECOVERY, "a is UP again", () -> a.health.check().state() == HealthStatus.State.UP);
        Kv.await(RECOVERY, "b is UP again", () -> b.health.check().state() == HealthStatus.State.UP);

        // Shared again: a write on one node is read on the other, through the restarted Redis.
        a.cache.put("after", "shared", Duration.ofMinutes(5));
        assertThat(b.cache.get("after")).contains("shared");
        assertThat(b.cache.get("invalidated")).as("delete lost during the outage was replayed").isEmpty();
        assertThat(a.locks.tryLock("job", Duration.ofSeconds(30))).isPresent();
        assertThat(b.locks.tryLock("job", Duration.ofSeconds(30))).isEmpty();

        // Subscriptions made before and during the outage both hear the other node again.
        b.pubSub.publish("news", "via redis");
        b.pubSub.publish("alerts", "via redis too");
        Kv.await(Duration.ofSeconds(5), "both subscriptions got b's messages",
                () -> onA.contains("via redis") && duringOutage.contains("via redis too"));
        Thread.sleep(200);
        assertThat(onA).containsExactly("local only", "via redis");
        assertThat(duringOutage).containsExactly("via redis too");
        before.close();
        during.close();
    }

    @Test
    void startsDegradedWhenRedisIsDownAndConnectsWhenItAppears() {
        redis.stop();
        a = within2s(() -> Kv.redis(redis.url()));
        assertThat(a.health.check().state()).isEqualTo(HealthStatus.State.DEGRADED);
        assertThat(within1s(() -> a.cache.get("x"))).isEmpty();
        assertThat(within1s(() -> a.limiter.hit("cold", 1, Duration.ofMinutes(1))).allowed()).isTrue();
        assertThat(within1s(() -> a.limiter.hit("cold", 1, Duration.ofMinutes(1))).allowed()).isFalse();

        redis.resume();
        Kv.await(RECOVERY, "UP after Redis appeared", () -> a.health.check().state() == HealthStatus.State.UP);
        b = Kv.redis(redis.url());
        a.cache.put("x", "y", Duration.ofMinutes(1));
        assertThat(b.cache.get("x")).contains("y");
    }

    @Test
    void stalledRedisTripsTheBreakerInsteadOfMakingEveryCallerWait() throws Exception {
        a = Kv.redis(redis.url());
        a.cache.put("k", "v", Duration.ofMinutes(1));
        List<String> got = new CopyOnWriteArrayList<>();
        PubSub.Subscription sub = a.pubSub.subscribe("stall", got::add);
        // A stalled Redis (slow disk, long command): the port still accepts, nothing answers.
        pauseAllClients(redis.port(), 3000);

        assertThat(within1s(() -> a.cache.get("k"))).as("bounded by timeout_ms").isEmpty();
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(a.cache.get("k")).isEmpty();
            a.cache.put("p" + i, "v", Duration.ofMinutes(1));
            a.limiter.hit("stalled", 1000, Duration.ofHours(1));
        }
        a.pubSub.publish("stall", "local");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("breaker keeps callers off the stalled Redis")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(a.health.check().state()).isEqualTo(HealthStatus.State.DEGRADED);
        assertThat(got).containsExactly("local");

        Kv.await(RECOVERY, "UP after the stall", () -> a.health.check().state() == HealthStatus.State.UP);
        assertThat(a.cache.get("k")).contains("v");
        sub.close();
    }

    /** Sends {@code CLIENT PAUSE ms ALL} on a raw connection (RESP), as an operator's redis-cli would. */
    private static void pauseAllClients(int port, int millis) throws java.io.IOException {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            String ms = String.valueOf(millis);
            String cmd = "*4\r\n$6\r\nCLIENT\r\n$5\r\nPAUSE\r\n$" + ms.length() + "\r\n" + ms + "\r\n$3\r\nALL\r\n";
            s.getOutputStream().write(cmd.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] reply = new byte[5];
            int n = s.getInputStream().readNBytes(reply, 0, 5);
            assertThat(new String(reply, 0, n, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
        }
    }

    /** Start-up waits at most about two seconds for an absent Redis. */
    private static <T> T within2s(java.util.function.Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        return result;
    }
}
