package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.enc;
import static social.herd.statuses.impl.Api.error;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.Verdict;

/** PUT /api/v1/statuses/:id, its history and source: re-rendering, who may edit and see, moderation. */
class EditsTest {

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

    @AfterEach
    void acceptAgain() {
        f.moderation.verdict = Verdict.accept();
    }

    @Test
    void anEditRerendersReextractsAndKeepsEveryVersion() {
        long alice = f.directory.create("alice");
        long carol = f.directory.create("carol");
        long dave = f.directory.create("dave");
        String carolName = f.directory.username(carol);
        String daveName = f.directory.username(dave);
        JsonNode original = api.post(alice, "first @" + carolName + " #one", "&spoiler_text=cw1");
        String id = original.get("id").asText();
        assertThat(original.get("edited_at").isNull()).isTrue();

        JsonNode edited = ok(api.edit(alice, id, "status=" + enc("second @" + daveName + " #two")
                + "&spoiler_text=cw2&sensitive=true&language=DE"));
        assertThat(edited.get("id").asText()).isEqualTo(id);
        assertThat(edited.get("content").asText()).startsWith("<p>second <span class=\"h-card\"").contains("#<span>two</span>");
        assertThat(edited.get("spoiler_text").asText()).isEqualTo("cw2");
        assertThat(edited.get("sensitive").asBoolean()).isTrue();
        assertThat(edited.get("language").asText()).isEqualTo("de");
        assertThat(edited.get("edited_at").isNull()).isFalse();
        assertThat(edited.get("created_at").asText()).isEqualTo(original.get("created_at").asText());
        assertThat(edited.get("mentions")).hasSize(1);
        assertThat(edited.get("mentions").get(0).get("id").asText()).isEqualTo(Long.toString(dave));
        assertThat(edited.get("tags").get(0).get("name").asText()).isEqualTo("two");
        // the old mention and tag are gone from the tables, not just from the answer
        assertThat(f.count("SELECT count(*) FROM status_mentions WHERE status_id = " + id + " AND account_id = " + carol)).isZero();
        assertThat(ids(ok(api.get("/api/v1/timelines/tag/one", null)))).doesNotContain(id);
        assertThat(ids(ok(api.get("/api/v1/timelines/tag/two", null)))).contains(id);

        // JSON works as well; absent fields keep what the status has
        JsonNode third = ok(api.http.json("PUT", "/api/v1/statuses/" + id, Http.token(alice), "{\"status\":\"third\"}"));
        assertThat(third.get("content").asText()).isEqualTo("<p>third</p>");
        assertThat(third.get("spoiler_text").asText()).isEqualTo("cw2");
        assertThat(third.get("language").asText()).isEqualTo("de");

        JsonNode history = ok(api.get("/api/v1/statuses/" + id + "/history", null));
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("content").asText()).isEqualTo(original.get("content").asText());
        assertThat(history.get(0).get("spoiler_text").asText()).isEqualTo("cw1");
        assertThat(history.get(0).get("sensitive").asBoolean()).isFalse();
        assertThat(history.get(0).get("created_at").asText()).isEqualTo(original.get("created_at").asText());
        assertThat(history.get(1).get("content").asText()).isEqualTo(edited.get("content").asText());
        assertThat(history.get(1).get("created_at").asText()).isEqualTo(edited.get("edited_at").asText());
        assertThat(history.get(2).get("content").asText()).isEqualTo("<p>third</p>");
        assertThat(history.get(2).get("created_at").asText()).isEqualTo(third.get("edited_at").asText());
        assertThat(history.get(2).get("account").get("id").asText()).isEqualTo(Long.toString(alice));
        assertThat(history.get(2).get("poll").isNull()).isTrue();
        assertThat(history.get(2).get("media_attachments")).isEmpty();
        assertThat(history.get(2).get("emojis")).isEmpty();

        JsonNode source = ok(api.get("/api/v1/statuses/" + id + "/source", alice));
        assertThat(source.get("id").asText()).isEqualTo(id);
        assertThat(source.get("text").asText()).isEqualTo("third");
        assertThat(source.get("spoiler_text").asText()).isEqualTo("cw2");
    }

    @Test
    void aStatusNeverEditedHasAHistoryOfOne() {
        long a = f.directory.create("once");
        JsonNode s = api.post(a, "just this");
        JsonNode history = ok(api.get("/api/v1/statuses/" + s.get("id").asText() + "/history", a));
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("content").asText()).isEqualTo("<p>just this</p>");
        assertThat(history.get(0).get("created_at").asText()).isEqualTo(s.get("created_at").asText());
    }

    @Test
    void onlyTheAuthorEditsAndTheUsualChecksApply() {
        long a = f.directory.create("owner");
        long other = f.directory.create("other");
        String id = api.post(a, "mine").get("id").asText();
        assertThat(error(api.edit(other, id, "status=hijack"), 404)).isEqualTo("Record not found");
        assertThat(api.http.form("PUT", "/api/v1/statuses/" + id, null, "status=x").status()).isEqualTo(401);
        assertThat(api.http.form("PUT", "/api/v1/statuses/" + id, "scoped:1:" + a + ":read", "status=x").status()).isEqualTo(403);
        assertThat(error(api.edit(a, id, "status=" + "x".repeat(501)), 422)).contains("character limit");
        assertThat(error(api.edit(a, id, "status=+"), 422)).isEqualTo("Validation failed: Text can't be blank");
        assertThat(error(api.edit(a, "999999999", "status=x"), 404)).isEqualTo("Record not found");
        assertThat(f.count("SELECT count(*) FROM status_edits WHERE status_id = " + id)).isZero();
        // a reblog is not editable, and neither is a deleted status
        String reblog = ok(api.action(other, id, "reblog")).get("id").asText();
        assertThat(api.edit(other, reblog, "status=x").status()).isEqualTo(404);
        api.http.send("DELETE", "/api/v1/statuses/" + id, Http.token(a), null, null);
        assertThat(api.edit(a, id, "status=again").status()).isEqualTo(404);
    }

    @Test
    void moderationSeesTheEditAndARejectChangesNothing() {
        long a = f.directory.create("mod");
        String id = api.post(a, "harmless").get("id").asText();
        f.moderation.verdict = Verdict.reject("Not this time");
        assertThat(error(api.edit(a, id, "status=" + enc("spam @someone")), 422)).isEqualTo("Not this time");
        LocalPost asked = (LocalPost) f.moderation.last;
        assertThat(asked.edit()).isTrue();
        assertThat(asked.text()).isEqualTo("spam @someone");
        assertThat(asked.mentions()).containsExactly("someone");
        assertThat(ok(api.get("/api/v1/statuses/" + id + "/source", a)).get("text").asText()).isEqualTo("harmless");
        assertThat(f.count("SELECT count(*) FROM status_edits WHERE status_id = " + id)).isZero();
        assertThat(f.count("SELECT count(*) FROM statuses WHERE edited_at IS NOT NULL AND id = " + id)).isZero();
        // a rewrite applies to an edit too
        f.moderation.verdict = Verdict.rewrite("careful", java.util.Set.of(Verdict.Rewrite.MARK_SENSITIVE));
        assertThat(ok(api.edit(a, id, "status=edgy")).get("sensitive").asBoolean()).isTrue();
    }

    @Test
    void historyAndSourceAreAsVisibleAsTheStatusAndMentionsDecideAgain() {
        long a = f.directory.create("priv");
        long follower = f.directory.create("fan");
        long stranger = f.directory.create("stranger");
        long carol = f.directory.create("carol");
        f.graph.follow(follower, a);
        String id = api.post(a, "followers only", "&visibility=private").get("id").asText();
        for (String part : List.of("/history", "/source")) {
            assertThat(api.get("/api/v1/statuses/" + id + part, follower).status()).isEqualTo(200);
            assertThat(error(api.get("/api/v1/statuses/" + id + part, stranger), 404)).isEqualTo("Record not found");
            assertThat(api.get("/api/v1/statuses/" + id + part, null).status()).isEqualTo(404);
        }
        // a direct post: whoever the edit no longer mentions no longer sees it
        String dm = api.post(a, "hi @" + f.directory.username(carol), "&visibility=direct").get("id").asText();
        assertThat(api.get("/api/v1/statuses/" + dm, carol).status()).isEqualTo(200);
        ok(api.edit(a, dm, "status=" + enc("hi @" + f.directory.username(stranger))));
        assertThat(api.get("/api/v1/statuses/" + dm, carol).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/statuses/" + dm + "/history", carol).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/statuses/" + dm, stranger).status()).isEqualTo(200);
    }

    @Test
    void mediaStayWhenNotNamedAndAreReplacedWhenNamed() {
        long a = f.directory.create("pics");
        PostingTest.Media media = new PostingTest.Media();
        f.views.setMedia(media);
        try {
            long id = api.post(a, "", "&media_ids[]=5&media_ids[]=6").get("id").asLong();
            JsonNode kept = ok(api.edit(a, Long.toString(id), "status=caption"));
            assertThat(ids(kept.get("media_attachments"))).containsExactly("5", "6");
            assertThat(media.detached).isEmpty();
            JsonNode replaced = ok(api.edit(a, Long.toString(id), "status=caption&media_ids[]=7"));
            assertThat(media.detached).containsExactly(id + ":false");
            assertThat(media.attached).containsEntry(id, List.of(7L));
            assertThat(ids(replaced.get("media_attachments"))).containsExactly("7");
            // media and a poll do not go together, also not by keeping the media
            assertThat(error(api.edit(a, Long.toString(id), "status=q&poll[options][]=a&poll[options][]=b&poll[expires_in]=600"),
                    422)).isEqualTo("Validation failed: A post cannot have both media and a poll");
            JsonNode history = ok(api.get("/api/v1/statuses/" + id + "/history", a));
            assertThat(history).hasSize(3);
            assertThat(ids(history.get(2).get("media_attachments"))).containsExactly("7");
        } finally {
            f.views.unsetMedia(media);
        }
    }
}
