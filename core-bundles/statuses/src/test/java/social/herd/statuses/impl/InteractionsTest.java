package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.error;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.link;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.web.testing.ApiHarness;

/** Favourites, reblogs and bookmarks: counters, flags, idempotency, lists and their pagination. */
class InteractionsTest {

    static Fixture f;
    static Api api;

    @BeforeAll
    static void start() {
        f = new Fixture();
        api = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void favouritingCountsOnceAndListsWhoFavourited() {
        long a = f.directory.create("fa");
        long x = f.directory.create("x");
        long y = f.directory.create("y");
        long z = f.directory.create("z");
        String id = api.post(a, "like me").get("id").asText();
        JsonNode s = ok(api.action(x, id, "favourite"));
        assertThat(s.get("favourited").asBoolean()).isTrue();
        assertThat(s.get("favourites_count").asInt()).isEqualTo(1);
        assertThat(ok(api.action(x, id, "favourite")).get("favourites_count").asInt()).isEqualTo(1);
        ok(api.action(y, id, "favourite"));
        ok(api.action(z, id, "favourite"));
        assertThat(ok(api.get("/api/v1/statuses/" + id, a)).get("favourites_count").asInt()).isEqualTo(3);
        assertThat(ok(api.get("/api/v1/statuses/" + id, a)).get("favourited").asBoolean()).isFalse();
        assertThat(ok(api.get("/api/v1/statuses/" + id, null)).has("favourited")).isFalse();

        String base = "/api/v1/statuses/" + id + "/favourited_by";
        ApiHarness.Response p1 = api.get(base + "?limit=2", null);
        assertThat(ids(ok(p1))).containsExactly(Long.toString(z), Long.toString(y));
        ApiHarness.Response p2 = api.get(link(p1, "next"), null);
        assertThat(ids(ok(p2))).containsExactly(Long.toString(x));
        assertThat(link(p2, "next")).isNull();
        assertThat(ids(ok(api.get(link(p2, "prev"), null)))).containsExactly(Long.toString(z), Long.toString(y));

        JsonNode un = ok(api.action(x, id, "unfavourite"));
        assertThat(un.get("favourited").asBoolean()).isFalse();
        assertThat(un.get("favourites_count").asInt()).isEqualTo(2);
        assertThat(ok(api.action(x, id, "unfavourite")).get("favourites_count").asInt()).isEqualTo(2);
        assertThat(api.action(x, "999999", "favourite").status()).isEqualTo(404);
    }

    @Test
    void favouritesAndBookmarksListsPageByTheirRowIds() {
        long a = f.directory.create("poster");
        long me = f.directory.create("me");
        String s1 = api.post(a, "one").get("id").asText();
        String s2 = api.post(a, "two").get("id").asText();
        String s3 = api.post(a, "three").get("id").asText();
        // favourited in another order than posted: the list follows the favourite
        for (String s : List.of(s2, s3, s1)) ok(api.action(me, s, "favourite"));
        for (String s : List.of(s3, s1)) assertThat(ok(api.action(me, s, "bookmark")).get("bookmarked").asBoolean()).isTrue();

        ApiHarness.Response p1 = api.get("/api/v1/favourites?limit=2", me);
        assertThat(ids(ok(p1))).containsExactly(s1, s3);
        long rowS3 = f.count("SELECT id FROM favourites WHERE status_id = " + s3);
        assertThat(link(p1, "next")).isEqualTo("/api/v1/favourites?limit=2&max_id=" + rowS3);
        assertThat(ids(ok(api.get(link(p1, "next"), me)))).containsExactly(s2);
        assertThat(ids(ok(api.get("/api/v1/bookmarks", me)))).containsExactly(s1, s3);
        assertThat(ok(api.get("/api/v1/statuses/" + s1, me)).get("bookmarked").asBoolean()).isTrue();
        ok(api.action(me, s1, "unbookmark"));
        assertThat(ids(ok(api.get("/api/v1/bookmarks", me)))).containsExactly(s3);
        assertThat(api.get("/api/v1/bookmarks", null).status()).isEqualTo(401);
        assertThat(api.http.get("/api/v1/favourites", "scoped:1:" + me + ":read:bookmarks").status()).isEqualTo(403);
        // a deleted status leaves the lists
        api.http.send("DELETE", "/api/v1/statuses/" + s3, Http.token(a), null, null);
        assertThat(ids(ok(api.get("/api/v1/favourites", me)))).containsExactly(s1, s2);
    }

    @Test
    void reblogsWrapTheOriginalCountOnceAndUndo() {
        long a = f.directory.create("orig");
        long r = f.directory.create("booster");
        long r2 = f.directory.create("booster");
        String id = api.post(a, "boost me").get("id").asText();
        JsonNode reblog = ok(api.action(r, id, "reblog"));
        assertThat(reblog.get("reblog").get("id").asText()).isEqualTo(id);
        assertThat(reblog.get("reblog").get("reblogged").asBoolean()).isTrue();
        assertThat(reblog.get("reblog").get("reblogs_count").asInt()).isEqualTo(1);
        assertThat(reblog.get("account").get("id").asText()).isEqualTo(Long.toString(r));
        assertThat(reblog.get("content").asText()).isEmpty();
        // again: the same reblog
        assertThat(ok(api.action(r, id, "reblog")).get("id").asText()).isEqualTo(reblog.get("id").asText());
        // favouriting the reblog favourites the original
        assertThat(ok(api.action(r2, reblog.get("id").asText(), "favourite")).get("id").asText()).isEqualTo(id);
        ok(api.http.form("POST", "/api/v1/statuses/" + id + "/reblog", Http.token(r2), "visibility=unlisted"));
        assertThat(ok(api.get("/api/v1/statuses/" + id, null)).get("reblogs_count").asInt()).isEqualTo(2);
        assertThat(ids(ok(api.get("/api/v1/statuses/" + id + "/reblogged_by", null))))
                .containsExactly(Long.toString(r2), Long.toString(r));
        // the reblog appears in a follower's home timeline, embedding the original
        long fan = f.directory.create("fan");
        f.graph.follow(fan, r);
        JsonNode home = ok(api.get("/api/v1/timelines/home", fan));
        assertThat(ids(home)).containsExactly(reblog.get("id").asText());
        assertThat(home.get(0).get("reblog").get("id").asText()).isEqualTo(id);
        // ...unless the fan mutes the original's author
        f.graph.mute(fan, a);
        assertThat(ok(api.get("/api/v1/timelines/home", fan))).isEmpty();

        JsonNode undone = ok(api.action(r, id, "unreblog"));
        assertThat(undone.get("id").asText()).isEqualTo(id);
        assertThat(undone.get("reblogged").asBoolean()).isFalse();
        assertThat(undone.get("reblogs_count").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/statuses/" + reblog.get("id").asText(), null).status()).isEqualTo(404);
        // deleting the original takes the remaining reblog with it
        api.http.send("DELETE", "/api/v1/statuses/" + id, Http.token(a), null, null);
        assertThat(f.count("SELECT count(*) FROM statuses WHERE reblog_of_id = " + id + " AND deleted_at IS NULL")).isZero();
    }

    @Test
    void privateAndDirectPostsCannotBeRebloggedByOthers() {
        long a = f.directory.create("priv");
        long fan = f.directory.create("fan");
        f.graph.follow(fan, a);
        String priv = api.post(a, "followers only", "&visibility=private").get("id").asText();
        String dm = api.post(a, "hi @" + f.directory.username(fan), "&visibility=direct").get("id").asText();
        assertThat(error(api.action(fan, priv, "reblog"), 422)).isEqualTo("Validation failed: Reblog of status is not allowed");
        assertThat(error(api.action(fan, dm, "reblog"), 422)).isEqualTo("Validation failed: Reblog of status is not allowed");
        assertThat(error(api.action(a, dm, "reblog"), 422)).isEqualTo("Validation failed: Reblog of status is not allowed");
        // the author may boost their own private post, and it stays private
        assertThat(ok(api.action(a, priv, "reblog")).get("visibility").asText()).isEqualTo("private");
        // invisible statuses cannot even be found
        long stranger = f.directory.create("stranger");
        assertThat(error(api.action(stranger, priv, "reblog"), 404)).isEqualTo("Record not found");
        assertThat(error(api.action(stranger, priv, "favourite"), 404)).isEqualTo("Record not found");
        assertThat(api.get("/api/v1/statuses/" + priv + "/favourited_by", stranger).status()).isEqualTo(404);
        assertThat(f.count("SELECT favourites_count FROM statuses WHERE id = " + priv)).isZero();
    }
}
