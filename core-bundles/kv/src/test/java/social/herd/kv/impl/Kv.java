package social.herd.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** One node's worth of kv components built the way DS builds them (constructor injection), for tests. */
final class Kv implements AutoCloseable {

    final RedisBackend backend;
    final KvCache cache;
    final KvPubSub pubSub;
    final KvClusterLocks locks;
    final KvRateLimiter limiter;
    final RedisHealthCheck health;

    Kv(Map<String, Object> config, Clock clock) {
        backend = new RedisBackend(new HashMap<>(config));
        cache = new KvCache(backend);
        pubSub = new KvPubSub(backend);
        locks = new KvClusterLocks(backend);
        limiter = new KvRateLimiter(backend, clock);
        health = new RedisHealthCheck(backend);
    }

    static Kv inProcess() {
        return new Kv(Map.of(), Clock.systemUTC());
    }

    static Kv redis(String url) {
        return new Kv(Map.of("url", url), Clock.systemUTC());
    }

    @Override
    public void close() {
        limiter.deactivate();
        locks.deactivate();
        pubSub.deactivate();
        cache.deactivate();
        backend.deactivate();
    }

    /** Runs {@code action} and asserts it returned within a second: proof that nothing hangs. */
    static <T> T within1s(Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        return result;
    }

    static void within1s(Runnable action) {
        within1s(() -> {
            action.run();
            return null;
        });
    }

    /** Polls {@code condition} until it holds, failing after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
