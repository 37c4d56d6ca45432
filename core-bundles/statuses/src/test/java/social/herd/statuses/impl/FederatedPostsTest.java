package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.events.EventTypes;
import social.herd.api.federation.FederatedStatuses.RemoteMedia;
import social.herd.api.federation.FederatedStatuses.RemoteNote;
import social.herd.kv.impl.KvFeeds;
import social.herd.kv.impl.RedisBackend;
import social.herd.statuses.impl.timelines.HomeTimeline;
import social.herd.testing.TestRedis;

/**
 * Remote posts arriving through FederatedStatuses ({@code Create}, {@code Update}, {@code Delete}):
 * how the API shows them, who may see them (home feeds in a real Redis after fan-out included),
 * idempotency, threads, edit history and deletion.
 */
class FederatedPostsTest {

    static final AtomicInteger SEQ = new AtomicInteger();
    static Fixture f;
    static Api api;
    static RedisBackend backend;
    static KvFeeds feeds;

    @BeforeAll
    static void start() {
        backend = new RedisBackend(Map.of("url", TestRedis.shared().url()));
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
    }

    static String uri() {
        return "https://remote.example/users/someone/statuses/" + System.nanoTime() + "-" + SEQ.incrementAndGet();
    }

    /** A remote note with the usual defaults. */
    static RemoteNote note(String uri, long author, String html, String visibility, Long inReplyTo, List<Long> mentions) {
        return new RemoteNote(uri, null, author, html, "", false, visibility, inReplyTo, "en",
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS), null, mentions, List.of(), List.of(), null,
                Map.of());
    }

    static List<String> feed(long account) {
        return feeds.range(HomeTimeline.feedKey(account), null, null, null, 1000).orElseThrow().ids().stream()
                .map(String::valueOf).toList();
    }

    @Test
    void mediaOfSensitizedAccountsIsShownAsSensitive() {
        long remote = f.directory.createRemote("nsfw", "remote.example");
        RemoteNote withMedia = new RemoteNote(uri(), null, remote, "<p>look</p>", "", false, "public", null, "en", Instant.now(),
                null, List.of(), List.of(), List.of(new RemoteMedia("https://remote.example/media/c.png", "image", "image/png",
                        "a picture", null, 10, 10)), null, Map.of());
        long pictured = f.federated.create(withMedia);
        long plain = f.federated.create(note(uri(), remote, "<p>words only</p>", "public", null, List.of()));
        assertThat(ok(api.get("/api/v1/statuses/" + pictured, null)).get("sensitive").asBoolean()).isFalse();
        f.directory.sensitized.add(remote);
        try {
            assertThat(ok(api.get("/api/v1/statuses/" + pictured, null)).get("sensitive").asBoolean())
                    .as("a moderator forced the account's media sensitive").isTrue();
            assertThat(ok(api.get("/api/v1/statuses/" + plain, null)).get("sensitive").asBoolean())
                    .as("posts without media are left alone").isFalse();
        } finally {
            f.directory.sensitized.remove(remote);
        }
    }

    @Test
    void aRemotePublicNoteIsShownWithItsUriUrlMediaAndEmojis() {
        long remote = f.directory.createRemote("far", "remote.example");
        String uri = uri();
        Instant published = Instant.parse("2026-01-02T03:04:05.678Z");
        RemoteNote n = new RemoteNote(uri, "https://remote.example/@far/1", remote, "<p>Hello :blob: from afar</p>",
                "cw", true, "public", null, "de", published, null, List.of(), List.of("Fediverse", "#Herd"),
                List.of(new RemoteMedia("https://remote.example/media/a.png", "image", "image/png", "a cat", "LKO2?U%2Tw=w",
                        640, 480), new RemoteMedia("https://remote.example/media/b.mp4", "video", "video/mp4", null, null,
                        null, null)),
                null, Map.of("blob", "https://remote.example/emoji/blob.png"));
        long id = f.federated.create(n);

        JsonNode s = ok(api.get("/api/v1/statuses/" + id, null));
        assertThat(s.get("uri").asText()).isEqualTo(uri);
        assertThat(s.get("url").asText()).isEqualTo("https://remote.example/@far/1");
        assertThat(s.get("content").asText()).isEqualTo("<p>Hello :blob: from afar</p>");
        assertThat(s.get("spoiler_text").asText()).isEqualTo("cw");
        assertThat(s.get("sensitive").asBoolean()).isTrue();
        assertThat(s.get("language").asText()).isEqualTo("de");
        assertThat(s.get("created_at").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(s.get("account").get("id").asText()).isEqualTo(Long.toString(remote));
        assertThat(s.get("tags").findValuesAsText("name")).containsExactlyInAnyOrder("fediverse", "herd");
        JsonNode media = s.get("media_attachments");
        assertThat(media).hasSize(2);
        assertThat(media.get(0).get("type").asText()).isEqualTo("image");
        assertThat(media.get(0).get("url").asText()).isEqualTo("https://remote.example/media/a.png");
        assertThat(media.get(0).get("preview_url").asText()).isEqualTo("https://remote.example/media/a.png");
        assertThat(media.get(0).get("remote_url").asText()).isEqualTo("https://remote.example/media/a.png");
        assertThat(media.get(0).get("description").asText()).isEqualTo("a cat");
        assertThat(media.get(0).get("blurhash").asText()).isEqualTo("LKO2?U%2Tw=w");
        assertThat(media.get(0).get("meta").get("original").get("width").asInt()).isEqualTo(640);
        assertThat(media.get(0).get("meta").get("original").get("height").asInt()).isEqualTo(480);
        assertThat(media.get(1).get("type").asText()).isEqualTo("video");
        assertThat(media.get(0).get("id").asText()).isNotEqualTo(media.get(1).get("id").asText());
        JsonNode emoji = s.get("emojis").get(0);
        assertThat(emoji.get("shortcode").asText()).isEqualTo("blob");
        assertThat(emoji.get("url").asText()).isEqualTo("https://remote.example/emoji/blob.png");
        assertThat(emoji.get("static_url").asText()).isEqualTo("https://remote.example/emoji/blob.png");
        assertThat(emoji.get("visible_in_picker").asBoolean()).isFalse();
        // the federated timeline shows it; the local one does not
        assertThat(ids(ok(api.get("/api/v1/timelines/public?remote=true", null)))).contains(Long.toString(id));
        assertThat(ids(ok(api.get("/api/v1/timelines/public?local=true", null)))).doesNotContain(Long.toString(id));

        // without a url, the uri is where people read it
        long plain = f.federated.create(note(uri(), remote, "<p>plain</p>", "public", null, List.of()));
        JsonNode p = ok(api.get("/api/v1/statuses/" + plain, null));
        assertThat(p.get("url").asText()).isEqualTo(p.get("uri").asText());
        assertThat(p.get("media_attachments")).isEmpty();
        assertThat(p.get("emojis")).isEmpty();
    }

    @Test
    void aNoteDeliveredTwiceOrConcurrentlyIsOneStatus() throws Exception {
        long remote = f.directory.createRemote("twice", "remote.example");
        String uri = uri();
        long first = f.federated.create(note(uri, remote, "<p>once</p>", "public", null, List.of()));
        long second = f.federated.create(note(uri, remote, "<p>changed on the way</p>", "public", null, List.of()));
        assertThat(second).isEqualTo(first);
        assertThat(ok(api.get("/api/v1/statuses/" + first, null)).get("content").asText()).isEqualTo("<p>once</p>");
        assertThat(f.events(EventTypes.STATUS_CREATED, first)).hasSize(1);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String u = uri();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Long>> results = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return f.federated.create(note(u, remote, "<p>race</p>", "public", null, List.of()));
                    }));
                }
                go.countDown();
                Set<Long> answered = ConcurrentHashMap.newKeySet();
                for (Future<Long> r : results) answered.add(r.get());
                assertThat(answered).hasSize(1);
                assertThat(f.count("SELECT count(*) FROM statuses WHERE uri = '" + u + "'")).isEqualTo(1);
                assertThat(f.events(EventTypes.STATUS_CREATED, answered.iterator().next())).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRemotePrivateNoteReachesLocalFollowersOnly() {
        long remote = f.directory.createRemote("secretive", "remote.example");
        long follower = f.directory.create("pfollower");
        long stranger = f.directory.create("pstranger");
        f.graph.follow(follower, remote);
        f.home.rebuild(follower);
        f.home.rebuild(stranger);
        long id = f.federated.create(note(uri(), remote, "<p>followers only</p>", "private", null, List.of()));
        f.deliverEvents();
        String sid = Long.toString(id);
        assertThat(feed(follower)).containsExactly(sid);
        assertThat(ids(ok(api.get("/api/v1/timelines/home", follower)))).containsExactly(sid);
        assertThat(ok(api.get("/api/v1/statuses/" + sid, follower)).get("visibility").asText()).isEqualTo("private");
        assertThat(feed(stranger)).isEmpty();
        assertThat(ids(ok(api.get("/api/v1/timelines/home", stranger)))).isEmpty();
        assertThat(api.get("/api/v1/statuses/" + sid, stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/statuses/" + sid, null).status()).isEqualTo(404);
    }

    @Test
    void aRemoteDirectNoteIsSeenByTheMentionedOnlyAndAnnouncedWithItsMentions() {
        long remote = f.directory.createRemote("whisper", "remote.example");
        long mentioned = f.directory.create("dmentioned");
        long follower = f.directory.create("dfollower");
        f.graph.follow(follower, remote);
        long id = f.federated.create(note(uri(), remote, "<p>psst</p>", "direct", null, List.of(mentioned)));
        String sid = Long.toString(id);
        JsonNode s = ok(api.get("/api/v1/statuses/" + sid, mentioned));
        assertThat(s.get("mentions").get(0).get("id").asText()).isEqualTo(Long.toString(mentioned));
        assertThat(api.get("/api/v1/statuses/" + sid, follower).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/statuses/" + sid, null).status()).isEqualTo(404);

        // the event notifications and streaming act on: a remote post mentioning a local account
        List<JsonNode> created = f.events(EventTypes.STATUS_CREATED, id);
        assertThat(created).hasSize(1);
        assertThat(created.get(0).get("mentions").get(0).asLong()).isEqualTo(mentioned);
        assertThat(created.get(0).get("local").asBoolean()).isFalse();
        assertThat(created.get(0).get("account_id").asLong()).isEqualTo(remote);
        assertThat(created.get(0).get("visibility").asText()).isEqualTo("direct");
    }

    @Test
    void repliesJoinThreadsBothWays() {
        long local = f.directory.create("threadlocal");
        long remote = f.directory.createRemote("threadremote", "remote.example");
        String root = api.post(local, "root").get("id").asText();
        long reply = f.federated.create(note(uri(), remote, "<p>remote reply</p>", "public", Long.parseLong(root), List.of(local)));
        JsonNode r = ok(api.get("/api/v1/statuses/" + reply, null));
        assertThat(r.get("in_reply_to_id").asText()).isEqualTo(root);
        assertThat(r.get("in_reply_to_account_id").asText()).isEqualTo(Long.toString(local));
        assertThat(ok(api.get("/api/v1/statuses/" + root, null)).get("replies_count").asInt()).isEqualTo(1);
        assertThat(ids(ok(api.get("/api/v1/statuses/" + root + "/context", null)).get("descendants")))
                .containsExactly(Long.toString(reply));
        assertThat(f.count("SELECT conversation_id FROM statuses WHERE id = " + reply)).isEqualTo(Long.parseLong(root));
        assertThat(f.events(EventTypes.STATUS_CREATED, reply).get(0).get("in_reply_to_account_id").asLong()).isEqualTo(local);

        // a local reply to the remote post
        JsonNode back = api.post(local, "local answer", "&in_reply_to_id=" + reply);
        assertThat(back.get("in_reply_to_id").asText()).isEqualTo(Long.toString(reply));
        assertThat(back.get("in_reply_to_account_id").asText()).isEqualTo(Long.toString(remote));
        assertThat(ok(api.get("/api/v1/statuses/" + reply, null)).get("replies_count").asInt()).isEqualTo(1);
        assertThat(ids(ok(api.get("/api/v1/statuses/" + root + "/context", null)).get("descendants")))
                .containsExactly(Long.toString(reply), back.get("id").asText());
    }

    @Test
    void anUpdateChangesTheContentAndKeepsTheHistory() {
        long remote = f.directory.createRemote("editor", "remote.example");
        long other = f.directory.createRemote("impostor", "elsewhere.example");
        String uri = uri();
        long id = f.federated.create(note(uri, remote, "<p>first</p>", "public", null, List.of()));
        Instant edited = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        RemoteNote next = new RemoteNote(uri, null, remote, "<p>second</p>", "", false, "public", null, "en",
                Instant.now().minusSeconds(60), edited, List.of(), List.of("edited"),
                List.of(new RemoteMedia("https://remote.example/m.jpg", "image", "image/jpeg", null, null, null, null)), null,
                Map.of());
        // someone else's Update, or one of an unknown post, changes nothing
        assertThat(f.federated.update(new RemoteNote(uri, null, other, "<p>hacked</p>", "", false, "public", null, null,
                null, null, null, null, null, null, null))).isFalse();
        assertThat(f.federated.update(note(uri(), remote, "<p>nothing</p>", "public", null, List.of()))).isFalse();

        assertThat(f.federated.update(next)).isTrue();
        JsonNode s = ok(api.get("/api/v1/statuses/" + id, null));
        assertThat(s.get("content").asText()).isEqualTo("<p>second</p>");
        assertThat(s.get("edited_at").asText()).isEqualTo(social.herd.web.api.Json.timestamp(edited));
        assertThat(s.get("media_attachments").get(0).get("url").asText()).isEqualTo("https://remote.example/m.jpg");
        assertThat(s.get("tags").get(0).get("name").asText()).isEqualTo("edited");
        JsonNode history = ok(api.get("/api/v1/statuses/" + id + "/history", null));
        assertThat(history.findValuesAsText("content")).containsExactly("<p>first</p>", "<p>second</p>");
        assertThat(history.get(0).get("media_attachments")).isEmpty();
        assertThat(history.get(1).get("media_attachments")).hasSize(1);
        assertThat(f.events(EventTypes.STATUS_UPDATED, id)).hasSize(1);

        // the same Update again is no new version
        assertThat(f.federated.update(next)).isTrue();
        assertThat(ok(api.get("/api/v1/statuses/" + id + "/history", null))).hasSize(2);
        assertThat(f.events(EventTypes.STATUS_UPDATED, id)).hasSize(1);
    }

    @Test
    void onlyTheAuthorDeletesAndAStoredTombstoneStaysDeleted() {
        long local = f.directory.create("delparent");
        long remote = f.directory.createRemote("deleter", "remote.example");
        long other = f.directory.createRemote("notme", "elsewhere.example");
        f.graph.follow(local, remote);
        f.home.rebuild(local);
        String root = api.post(local, "parent").get("id").asText();
        String uri = uri();
        long id = f.federated.create(note(uri, remote, "<p>soon gone</p>", "public", Long.parseLong(root), List.of()));
        f.deliverEvents();
        assertThat(feed(local)).contains(Long.toString(id));
        assertThat(f.federated.delete(uri, other)).isFalse();
        assertThat(api.get("/api/v1/statuses/" + id, null).status()).isEqualTo(200);

        assertThat(f.federated.delete(uri, remote)).isTrue();
        assertThat(f.federated.delete(uri, remote)).isFalse();
        assertThat(api.get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
        assertThat(ok(api.get("/api/v1/statuses/" + root, null)).get("replies_count").asInt()).isZero();
        assertThat(f.events(EventTypes.STATUS_DELETED, id)).hasSize(1);
        f.deliverEvents();
        assertThat(feed(local)).doesNotContain(Long.toString(id));
        assertThat(f.federated.idByUri(uri)).isEmpty();
        // a Create arriving after its Delete does not bring the post back
        assertThat(f.federated.create(note(uri, remote, "<p>soon gone</p>", "public", null, List.of()))).isEqualTo(id);
        assertThat(api.get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void deletingAnActorRemovesAllItsPostsAndBoosts() {
        long local = f.directory.create("survivor");
        long remote = f.directory.createRemote("leaving", "remote.example");
        String mine = api.post(local, "boost me").get("id").asText();
        long a = f.federated.create(note(uri(), remote, "<p>a</p>", "public", null, List.of()));
        long b = f.federated.create(note(uri(), remote, "<p>b</p>", "unlisted", null, List.of()));
        long boost = f.federated.reblog(remote, Long.parseLong(mine), uri() + "/activity", Instant.now(), "public");
        assertThat(ok(api.get("/api/v1/statuses/" + mine, null)).get("reblogs_count").asInt()).isEqualTo(1);

        assertThat(f.federated.deleteAllOf(remote)).isEqualTo(3);
        for (long id : new long[] {a, b, boost}) assertThat(api.get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
        assertThat(ok(api.get("/api/v1/statuses/" + mine, null)).get("reblogs_count").asInt()).isZero();
        assertThat(f.federated.deleteAllOf(remote)).isZero();
        // never a local account's posts
        assertThat(f.federated.deleteAllOf(local)).isZero();
        assertThat(api.get("/api/v1/statuses/" + mine, null).status()).isEqualTo(200);
    }
}
