package social.herd.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import social.herd.api.kv.Feeds;
import social.herd.testing.TestRedis;

/**
 * The {@link Feeds} contract, held alike by {@link KvFeeds} on a real Redis and by the plain
 * {@link LocalFeeds}: missing is not empty, capping and truncation, Mastodon's paging bounds (exact,
 * although Redis scores are doubles), reblog collapsing, claims and rebuilds. Without Redis the
 * service keeps nothing at all.
 */
class FeedsContractTest {

    private static final AtomicLong NEXT = new AtomicLong();
    private static RedisBackend backend;
    private static KvFeeds redis;

    static Stream<Feeds> feeds() {
        if (backend == null) {
            backend = new RedisBackend(Map.of("url", TestRedis.shared().url()));
            redis = new KvFeeds(backend);
        }
        Kv.await(Duration.ofSeconds(10), "feeds available", redis::available);
        return Stream.of(new LocalFeeds(1000), redis);
    }

    @AfterAll
    static void close() {
        if (redis != null) redis.deactivate();
        if (backend != null) backend.deactivate();
    }

    @Test
    void withoutRedisNothingIsKeptAndNothingFails() {
        RedisBackend none = new RedisBackend(Map.of());
        KvFeeds feeds = new KvFeeds(none);
        try {
            assertThat(feeds.configured()).isFalse();
            assertThat(feeds.available()).isFalse();
            assertThat(feeds.claim("home:1")).isFalse();
            feeds.complete("home:1", List.of(new Feeds.Entry(id(1), 0)), 10);
            assertThat(feeds.add(List.of("home:1"), new Feeds.Entry(id(2), 0), 10)).isZero();
            assertThat(feeds.range("home:1", null, null, null, 10)).isEmpty();
            feeds.remove(List.of("home:1"), new Feeds.Entry(id(2), 0));
            feeds.delete(List.of("home:1"));
        } finally {
            feeds.deactivate();
            none.deactivate();
        }
    }

    @Test
    void scriptsFlushedFromRedisAreLoadedAgainWithoutAnOutage() {
        feeds(); // connects
        String key = ready(redis);
        backend.call(c -> c.getScript(backend.codec()).scriptFlushAsync());
        // NOSCRIPT is an answer from Redis, not an outage: the breaker stays closed and the call succeeds
        assertThat(redis.add(List.of(key), new Feeds.Entry(id(1), 0), 10)).isEqualTo(1);
        backend.call(c -> c.getScript(backend.codec()).scriptFlushAsync());
        assertThat(ids(redis, key, null, null, null, 10)).containsExactly(id(1));
        assertThat(backend.available()).isTrue();
    }

    /** A fresh, ready, empty feed. */
    static String ready(Feeds feeds) {
        String key = "test:" + NEXT.incrementAndGet() + ":" + System.nanoTime();
        assertThat(feeds.claim(key)).isTrue();
        feeds.complete(key, List.of(), 10);
        return key;
    }

    /** Ids as the generator makes them (millis << 16 | sequence): neighbours share a double score. */
    static long id(int i) {
        return (1_795_000_000_000L << 16) + i;
    }

    @ParameterizedTest
    @MethodSource("feeds")
    void missingFeedsStayMissingAndReadsAreExact(Feeds feeds) {
        String missing = "test:missing:" + System.nanoTime();
        assertThat(feeds.add(List.of(missing), new Feeds.Entry(id(1), 0), 10)).isZero();
        assertThat(feeds.range(missing, null, null, null, 10)).isEmpty();

        String key = ready(feeds);
        for (int i = 1; i <= 6; i++) assertThat(feeds.add(List.of(key, missing), new Feeds.Entry(id(i), 0), 10)).isEqualTo(1);
        assertThat(feeds.add(List.of(key), new Feeds.Entry(id(3), 0), 10)).isZero();
        assertThat(ids(feeds, key, null, null, null, 10)).containsExactly(id(6), id(5), id(4), id(3), id(2), id(1));
        assertThat(ids(feeds, key, id(4), null, null, 2)).containsExactly(id(3), id(2));
        assertThat(ids(feeds, key, null, id(4), null, 10)).containsExactly(id(6), id(5));
        assertThat(ids(feeds, key, null, null, id(2), 2)).containsExactly(id(3), id(4));
        assertThat(ids(feeds, key, id(6), id(1), null, 10)).containsExactly(id(5), id(4), id(3), id(2));
        assertThat(feeds.range(key, null, null, null, 10).orElseThrow().truncated()).isFalse();
        feeds.remove(List.of(key), new Feeds.Entry(id(5), 0));
        assertThat(ids(feeds, key, null, null, null, 3)).containsExactly(id(6), id(4), id(3));
        feeds.delete(List.of(key));
        assertThat(feeds.range(key, null, null, null, 10)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("feeds")
    void feedsKeepTheirNewestUpToTheCap(Feeds feeds) {
        String key = ready(feeds);
        for (int i = 1; i <= 5; i++) feeds.add(List.of(key), new Feeds.Entry(id(i), 0), 3);
        Feeds.Slice s = feeds.range(key, null, null, null, 10).orElseThrow();
        assertThat(s.ids()).containsExactly(id(5), id(4), id(3));
        assertThat(s.truncated()).isTrue();
        assertThat(s.oldest()).isEqualTo(id(3));
    }

    @ParameterizedTest
    @MethodSource("feeds")
    void reblogsOfRecentPostsCollapse(Feeds feeds) {
        String key = ready(feeds);
        feeds.add(List.of(key), new Feeds.Entry(id(1), 0), 100);
        assertThat(feeds.add(List.of(key), new Feeds.Entry(id(2), id(1)), 100)).isZero();
        assertThat(feeds.add(List.of(key), new Feeds.Entry(id(3), 777), 100)).isEqualTo(1);
        assertThat(feeds.add(List.of(key), new Feeds.Entry(id(4), 777), 100)).isZero();
        // once the earlier one has sunk below the window, a new reblog shows again
        for (int i = 10; i < 10 + Feeds.COLLAPSE_WITHIN; i++) feeds.add(List.of(key), new Feeds.Entry(id(i), 0), 100);
        assertThat(feeds.add(List.of(key), new Feeds.Entry(id(99), 777), 100)).isEqualTo(1);
        assertThat(feeds.add(List.of(key), new Feeds.Entry(id(100), id(1)), 100)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("feeds")
    void aClaimedFeedTakesAdditionsButIsReadOnlyOnceComplete(Feeds feeds) {
        String key = "test:claim:" + NEXT.incrementAndGet() + ":" + System.nanoTime();
        assertThat(feeds.claim(key)).isTrue();
        assertThat(feeds.claim(key)).isFalse();
        assertThat(feeds.add(List.of(key), new Feeds.Entry(id(50), 0), 10)).isEqualTo(1);
        assertThat(feeds.range(key, null, null, null, 10)).isEmpty();
        List<Feeds.Entry> rebuilt = new ArrayList<>();
        for (int i = 1; i <= 4; i++) rebuilt.add(new Feeds.Entry(id(i), 0));
        rebuilt.add(new Feeds.Entry(id(5), id(4)));
        feeds.complete(key, rebuilt, 10);
        Feeds.Slice s = feeds.range(key, null, null, null, 10).orElseThrow();
        assertThat(s.ids()).containsExactly(id(50), id(4), id(3), id(2), id(1));
        assertThat(s.truncated()).isFalse();
        // a rebuild that loaded as many as the cap may have left older entries behind
        String full = "test:full:" + NEXT.incrementAndGet() + ":" + System.nanoTime();
        feeds.claim(full);
        feeds.complete(full, rebuilt.subList(0, 3), 3);
        assertThat(feeds.range(full, null, null, null, 10).orElseThrow().truncated()).isTrue();
        assertThat(feeds.claim(full)).isFalse();
    }

    private static List<Long> ids(Feeds feeds, String key, Long maxId, Long sinceId, Long minId, int limit) {
        return feeds.range(key, maxId, sinceId, minId, limit).orElseThrow().ids();
    }
}
