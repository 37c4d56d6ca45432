package social.herd.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.herd.api.kv.Feeds;
import social.herd.api.kv.FeedsUnavailableException;
import social.herd.testing.TestRedis;

/**
 * After an outage long enough for fan-outs to have been lost, feeds start afresh (a new key
 * generation) and are rebuilt from PostgreSQL on their next read; after a short one they are kept.
 * Another node picks up a bump within a second or so.
 */
class FeedGenerationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private TestRedis redis;
    private RedisBackend backend;
    private RedisBackend otherBackend;
    private KvFeeds feeds;
    private KvFeeds other;

    @AfterEach
    void stop() {
        if (feeds != null) feeds.deactivate();
        if (other != null) other.deactivate();
        if (backend != null) backend.deactivate();
        if (otherBackend != null) otherBackend.deactivate();
        if (redis != null) redis.close();
    }

    @Test
    void aLongOutageStartsANewGenerationAndAShortOneDoesNot() throws Exception {
        redis = TestRedis.start();
        backend = new RedisBackend(Map.of("url", redis.url()));
        feeds = new KvFeeds(backend, 4000);
        otherBackend = new RedisBackend(Map.of("url", redis.url()));
        // this node never counts an outage as lossy: only the first one bumps
        other = new KvFeeds(otherBackend, Long.MAX_VALUE);
        await(feeds, true);
        assertThat(feeds.generation()).isZero();
        assertThat(feeds.claim("home:1")).isTrue();
        feeds.complete("home:1", List.of(new Feeds.Entry(42, 0)), 10);

        redis.stop();
        await(feeds, false);
        try {
            feeds.range("home:1", null, null, null, 10);
            throw new AssertionError("a read while Redis is down must fail");
        } catch (FeedsUnavailableException expected) {
            // at once, from the breaker
        }
        redis.resume();
        await(feeds, true);
        // back within the limit: same generation (this Redis keeps nothing on disk, so the feed is gone anyway)
        assertThat(feeds.generation()).isZero();

        assertThat(feeds.claim("home:1")).isTrue();
        feeds.complete("home:1", List.of(new Feeds.Entry(42, 0)), 10);
        redis.stop();
        await(feeds, false);
        Thread.sleep(4500);
        redis.resume();
        await(feeds, true);
        assertThat(feeds.generation()).isEqualTo(1);
        assertThat(feeds.range("home:1", null, null, null, 10)).isEmpty();
        // the other node did not bump on its own, yet follows: both write and read the same feeds
        Kv.await(WAIT, "the other node follows the new generation", () -> other.generation() == 1);
        assertThat(other.claim("home:2")).isTrue();
        other.complete("home:2", List.of(new Feeds.Entry(7, 0)), 10);
        assertThat(feeds.range("home:2", null, null, null, 10).orElseThrow().ids()).containsExactly(7L);
    }

    private static void await(Feeds feeds, boolean available) {
        Kv.await(WAIT, "feeds " + (available ? "available" : "unavailable"), () -> feeds.available() == available);
    }
}
