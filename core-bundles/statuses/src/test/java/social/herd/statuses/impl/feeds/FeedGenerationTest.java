package social.herd.statuses.impl.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import social.herd.testing.TestRedis;

/**
 * After an outage long enough for fan-outs to have been lost, feeds start afresh (a new key
 * generation) and are rebuilt from PostgreSQL on their next read; after a short one they are kept.
 */
class FeedGenerationTest {

    @Test
    void aLongOutageStartsANewGenerationAndAShortOneDoesNot() throws Exception {
        try (TestRedis redis = TestRedis.start(); FeedConnection c = FeedConnection.to(redis.url(), 4000)) {
            RedisFeeds feeds = new RedisFeeds(c);
            await(feeds, true);
            assertThat(c.generation()).isZero();
            assertThat(feeds.claim("home:1")).isTrue();
            feeds.complete("home:1", List.of(new Feeds.Entry(42, 0)), 10);

            redis.stop();
            await(feeds, false);
            redis.resume();
            await(feeds, true);
            // back within the limit: same generation (this Redis keeps nothing on disk, so the feed is gone anyway)
            assertThat(c.generation()).isZero();

            assertThat(feeds.claim("home:1")).isTrue();
            feeds.complete("home:1", List.of(new Feeds.Entry(42, 0)), 10);
            redis.stop();
            await(feeds, false);
            Thread.sleep(4500);
            redis.resume();
            await(feeds, true);
            assertThat(c.generation()).isEqualTo(1);
            assertThat(feeds.range("home:1", null, null, null, 10)).isEmpty();
        }
    }

    private static void await(Feeds feeds, boolean available) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (feeds.available() != available) {
            if (System.nanoTime() > deadline) throw new AssertionError("feeds never became " + (available ? "available" : "unavailable"));
            Thread.sleep(50);
        }
    }
}
