package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.ok;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.kv.FeedsUnavailableException;
import social.herd.kv.impl.KvFeeds;
import social.herd.kv.impl.RedisBackend;
import social.herd.statuses.impl.timelines.HomeTimeline;
import social.herd.testing.TestRedis;

/** Redis goes away in the middle: the home timeline keeps answering the right posts from PostgreSQL. */
class HomeFeedOutageTest {

    static TestRedis redis;
    static RedisBackend backend;
    static KvFeeds feeds;
    static Fixture f;
    static Api api;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        backend = new RedisBackend(Map.of("url", redis.url()));
        feeds = new KvFeeds(backend);
        f = new Fixture().withFeeds(feeds);
        api = new Api(f);
        HomeFeedTest.awaitAvailable(feeds);
    }

    @AfterAll
    static void stop() {
        f.close();
        feeds.deactivate();
        backend.deactivate();
        redis.close();
    }

    @Test
    void homeAnswersFromPostgresWhileRedisIsDownAndFeedsComeBackAfterwards() {
        long reader = f.directory.create("oreader");
        long writer = f.directory.create("owriter");
        long muted = f.directory.create("omuted");
        f.graph.follow(reader, writer);
        f.graph.follow(reader, muted);
        f.graph.mute(reader, muted);
        String one = api.post(writer, "one").get("id").asText();
        api.post(muted, "not for the reader");
        f.deliverEvents();
        f.home.rebuild(reader);
        String two = api.post(writer, "two").get("id").asText();
        f.deliverEvents();
        assertThat(feeds.range(HomeTimeline.feedKey(reader), null, null, null, 10).orElseThrow().ids()).hasSize(3);
        assertThat(home(reader)).containsExactly(two, one);

        redis.stop();
        // posting goes on; the fan-out cannot reach Redis and is left to a retry job
        String three = api.post(writer, "three").get("id").asText();
        f.deliverEvents();
        assertThat(f.count("SELECT count(*) FROM herd_jobs WHERE type = 'event.deliver' AND payload LIKE '%home-feeds%'"))
                .isGreaterThanOrEqualTo(1);
        // the first read after the outage may be the one that notices it; both answer from PostgreSQL
        assertThat(home(reader)).containsExactly(three, two, one);
        assertThat(feeds.available()).isFalse();
        assertThat(home(reader)).containsExactly(three, two, one);
        assertThat(ids(ok(api.get("/api/v1/timelines/home?limit=1&max_id=" + three, reader)))).containsExactly(two);
        assertThatThrownBy(() -> feeds.range(HomeTimeline.feedKey(reader), null, null, null, 10))
                .isInstanceOf(FeedsUnavailableException.class);

        // Redis returns empty (this one keeps nothing on disk): feeds are rebuilt from PostgreSQL on the next read
        redis.resume();
        HomeFeedTest.awaitAvailable(feeds);
        assertThat(home(reader)).containsExactly(three, two, one);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (feeds.range(HomeTimeline.feedKey(reader), null, null, null, 10).isEmpty() && System.nanoTime() < deadline) {
            HomeFeedTest.sleep(50);
        }
        assertThat(feeds.range(HomeTimeline.feedKey(reader), null, null, null, 10).orElseThrow().ids()).hasSize(4);
        assertThat(home(reader)).containsExactly(three, two, one);
    }

    private static List<String> home(long account) {
        return ids(ok(api.get("/api/v1/timelines/home", account)));
    }
}
