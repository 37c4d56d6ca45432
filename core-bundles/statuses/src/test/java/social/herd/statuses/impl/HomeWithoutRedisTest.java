package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.ok;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.kv.impl.KvFeeds;
import social.herd.kv.impl.RedisBackend;

/**
 * Without Redis the kv bundle's feeds keep nothing: the home timeline is plain SQL, the fan-out
 * subscriber does nothing (and never fails, so no retries pile up), and nothing is rebuilt.
 */
class HomeWithoutRedisTest {

    static RedisBackend backend;
    static KvFeeds feeds;
    static Fixture f;
    static Api api;

    @BeforeAll
    static void start() {
        backend = new RedisBackend(Map.of());
        feeds = new KvFeeds(backend);
        f = new Fixture().withFeeds(feeds);
        api = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
        feeds.deactivate();
        backend.deactivate();
    }

    @Test
    void homeIsPlainSqlAndTheFanOutDoesNothing() {
        long reader = f.directory.create("nreader");
        long writer = f.directory.create("nwriter");
        f.graph.follow(reader, writer);
        String one = api.post(writer, "one").get("id").asText();
        f.deliverEvents();
        assertThat(f.home.rebuild(reader)).isFalse();
        String two = api.post(writer, "two").get("id").asText();
        f.deliverEvents();

        assertThat(feeds.available()).isFalse();
        assertThat(home(reader)).containsExactly(two, one);
        assertThat(ids(ok(api.get("/api/v1/timelines/home?limit=1&max_id=" + two, reader)))).containsExactly(one);
        assertThat(f.count("SELECT count(*) FROM herd_jobs WHERE type = 'event.deliver'")).isZero();
        assertThat(feeds.range("home:" + reader, null, null, null, 10)).isEmpty();
    }

    private static List<String> home(long account) {
        return ids(ok(api.get("/api/v1/timelines/home", account)));
    }
}
