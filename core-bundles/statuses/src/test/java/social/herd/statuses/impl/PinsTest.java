package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.error;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.link;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.web.testing.ApiHarness;

/** Pins and GET /api/v1/accounts/:id/statuses with its filters and pagination. */
class PinsTest {

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
    void pinningShowsToTheAuthorOnlyAndUnpinningUndoes() {
        long a = f.directory.create("pin");
        long other = f.directory.create("other");
        String id = api.post(a, "look here").get("id").asText();
        assertThat(ok(api.get("/api/v1/statuses/" + id, a)).get("pinned").asBoolean()).isFalse();
        assertThat(ok(api.action(a, id, "pin")).get("pinned").asBoolean()).isTrue();
        assertThat(ok(api.action(a, id, "pin")).get("pinned").asBoolean()).isTrue();
        assertThat(ok(api.get("/api/v1/statuses/" + id, a)).get("pinned").asBoolean()).isTrue();
        assertThat(ok(api.get("/api/v1/statuses/" + id, other)).has("pinned")).isFalse();
        assertThat(ok(api.get("/api/v1/statuses/" + id, null)).has("pinned")).isFalse();
        assertThat(f.count("SELECT count(*) FROM status_pins WHERE account_id = " + a)).isEqualTo(1);
        assertThat(ok(api.action(a, id, "unpin")).get("pinned").asBoolean()).isFalse();
        assertThat(ok(api.action(a, id, "unpin")).get("pinned").asBoolean()).isFalse();
        assertThat(f.count("SELECT count(*) FROM status_pins WHERE account_id = " + a)).isZero();
        // pins need write:accounts
        assertThat(api.http.send("POST", "/api/v1/statuses/" + id + "/pin", "scoped:1:" + a + ":write:statuses", null, null)
                .status()).isEqualTo(403);
    }

    @Test
    void onlyOwnNonDirectOriginalsCanBePinned() {
        long a = f.directory.create("rules");
        long b = f.directory.create("b");
        String theirs = api.post(b, "theirs").get("id").asText();
        assertThat(error(api.action(a, theirs, "pin"), 422)).isEqualTo("Validation failed: Someone else's post cannot be pinned");
        String hidden = api.post(b, "hidden", "&visibility=private").get("id").asText();
        assertThat(error(api.action(a, hidden, "pin"), 404)).isEqualTo("Record not found");
        String direct = api.post(a, "dm", "&visibility=direct").get("id").asText();
        assertThat(error(api.action(a, direct, "pin"), 422))
                .isEqualTo("Validation failed: Posts that are only visible to mentioned users cannot be pinned");
        String reblog = ok(api.action(a, theirs, "reblog")).get("id").asText();
        assertThat(error(api.action(a, reblog, "pin"), 422)).isEqualTo("Validation failed: A boost cannot be pinned");
        String priv = api.post(a, "for followers", "&visibility=private").get("id").asText();
        String unlisted = api.post(a, "quiet", "&visibility=unlisted").get("id").asText();
        assertThat(ok(api.action(a, priv, "pin")).get("pinned").asBoolean()).isTrue();
        assertThat(ok(api.action(a, unlisted, "pin")).get("pinned").asBoolean()).isTrue();
        assertThat(f.count("SELECT count(*) FROM status_pins WHERE account_id = " + a)).isEqualTo(2);
    }

    @Test
    void atMostFivePinsAndADeletedStatusFreesItsSlot() {
        long a = f.directory.create("many");
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 6; i++) posts.add(api.post(a, "post " + i).get("id").asText());
        for (int i = 0; i < 5; i++) ok(api.action(a, posts.get(i), "pin"));
        assertThat(error(api.action(a, posts.get(5), "pin"), 422))
                .isEqualTo("Validation failed: Maximum number of pinned statuses reached");
        // pinning one that is pinned already is no sixth pin
        assertThat(api.action(a, posts.get(0), "pin").status()).isEqualTo(200);
        api.http.send("DELETE", "/api/v1/statuses/" + posts.get(0), Http.token(a), null, null);
        assertThat(ok(api.action(a, posts.get(5), "pin")).get("pinned").asBoolean()).isTrue();
    }

    @Test
    void accountStatusesListsPinnedOnesWithPagination() {
        long a = f.directory.create("prof");
        long viewer = f.directory.create("viewer");
        List<String> pinned = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = api.post(a, "pinned " + i).get("id").asText();
            ok(api.action(a, id, "pin"));
            pinned.add(id);
        }
        api.post(a, "not pinned");
        String base = "/api/v1/accounts/" + a + "/statuses?pinned=true";
        List<String> newestFirst = new ArrayList<>(pinned);
        Collections.reverse(newestFirst);
        assertThat(ids(ok(api.get(base, null)))).containsExactlyElementsOf(newestFirst);
        ApiHarness.Response p1 = api.get(base + "&limit=2", viewer);
        JsonNode first = ok(p1);
        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(first.get(0).has("pinned")).isFalse();
        String next = link(p1, "next");
        assertThat(next).contains("pinned=true").contains("max_id=" + newestFirst.get(1));
        ApiHarness.Response p2 = api.get(next, viewer);
        assertThat(ids(ok(p2))).containsExactly(newestFirst.get(2));
        assertThat(link(p2, "next")).isNull();
        assertThat(ids(ok(api.get(link(p2, "prev"), viewer)))).containsExactlyElementsOf(newestFirst.subList(0, 2));
        // the author sees the flag in the list
        assertThat(ok(api.get(base, a)).get(0).get("pinned").asBoolean()).isTrue();
    }

    @Test
    void accountStatusesFiltersAndVisibility() {
        long a = f.directory.create("filters");
        long b = f.directory.create("b");
        long follower = f.directory.create("fan");
        f.graph.follow(follower, a);
        String other = api.post(b, "other").get("id").asText();
        String plain = api.post(a, "plain #Java").get("id").asText();
        String selfReply = api.post(a, "thread", "&in_reply_to_id=" + plain).get("id").asText();
        String reply = api.post(a, "reply", "&in_reply_to_id=" + other).get("id").asText();
        String reblog = ok(api.action(a, other, "reblog")).get("id").asText();
        String priv = api.post(a, "followers only", "&visibility=private").get("id").asText();
        String base = "/api/v1/accounts/" + a + "/statuses";

        assertThat(ids(ok(api.get(base, null)))).containsExactly(reblog, reply, selfReply, plain);
        assertThat(ids(ok(api.get(base, follower)))).containsExactly(priv, reblog, reply, selfReply, plain);
        assertThat(ids(ok(api.get(base + "?exclude_replies=true", follower)))).containsExactly(priv, reblog, selfReply, plain);
        assertThat(ids(ok(api.get(base + "?exclude_reblogs=true", follower)))).containsExactly(priv, reply, selfReply, plain);
        assertThat(ids(ok(api.get(base + "?tagged=java", follower)))).containsExactly(plain);
        assertThat(ok(api.get(base + "?only_media=true", follower))).isEmpty();
        // paging by status id, both ways
        ApiHarness.Response p1 = api.get(base + "?limit=2", follower);
        assertThat(ids(ok(p1))).containsExactly(priv, reblog);
        assertThat(ids(ok(api.get(link(p1, "next"), follower)))).containsExactly(reply, selfReply);
        assertThat(ids(ok(api.get(base + "?min_id=" + plain + "&limit=2", follower)))).containsExactly(reply, selfReply);
        assertThat(ids(ok(api.get(base + "?since_id=" + reply, follower)))).containsExactly(priv, reblog);
        // blocked: nothing; unknown or suspended account: 404
        f.graph.block(a, b);
        assertThat(ok(api.get(base, b))).isEmpty();
        assertThat(error(api.get("/api/v1/accounts/999999999/statuses", null), 404)).isEqualTo("Record not found");
        long gone = f.directory.create("gone");
        api.post(gone, "bye");
        f.directory.suspend(gone);
        assertThat(api.get("/api/v1/accounts/" + gone + "/statuses", null).status()).isEqualTo(404);
    }
}
