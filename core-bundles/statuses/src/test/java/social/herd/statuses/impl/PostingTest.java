package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.enc;
import static social.herd.statuses.impl.Api.error;
import static social.herd.statuses.impl.Api.json;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.Verdict;
import social.herd.spi.moderation.Verdict.Rewrite;

/** POST and DELETE /api/v1/statuses: parameters, limits, rendering, replies, idempotency, moderation. */
class PostingTest {

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
    void postsFromAFormAndAnswersTheStatusEntity() {
        long alice = f.directory.create("alice");
        JsonNode s = api.post(alice, "Hello world", "&spoiler_text=" + enc("cw") + "&sensitive=true&language=EN&visibility=unlisted");
        assertThat(s.get("id").asText()).matches("[0-9]+");
        assertThat(s.get("content").asText()).isEqualTo("<p>Hello world</p>");
        assertThat(s.get("spoiler_text").asText()).isEqualTo("cw");
        assertThat(s.get("sensitive").asBoolean()).isTrue();
        assertThat(s.get("visibility").asText()).isEqualTo("unlisted");
        assertThat(s.get("language").asText()).isEqualTo("en");
        String name = f.directory.username(alice);
        assertThat(s.get("uri").asText()).isEqualTo("https://social.example/users/" + name + "/statuses/" + s.get("id").asText());
        assertThat(s.get("url").asText()).isEqualTo("https://social.example/@" + name + "/" + s.get("id").asText());
        assertThat(s.get("account").get("id").asText()).isEqualTo(Long.toString(alice));
        assertThat(s.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(s.get("in_reply_to_id").isNull()).isTrue();
        assertThat(s.get("reblog").isNull()).isTrue();
        assertThat(s.get("favourited").asBoolean()).isFalse();
        assertThat(s.get("pinned").asBoolean()).isFalse();
        assertThat(s.get("media_attachments")).isEmpty();
        assertThat(s.get("emojis")).isEmpty();
        assertThat(s.get("filtered")).isEmpty();
        assertThat(s.has("card")).isTrue();
        assertThat(s.has("poll")).isTrue();
        assertThat(s.has("text")).isFalse();
        assertThat(s.get("replies_count").asInt()).isZero();
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + alice)).isEqualTo(1);
    }

    @Test
    void postsFromJsonWithDefaults() {
        long bob = f.directory.create("bob");
        JsonNode s = ok(api.http.json("POST", "/api/v1/statuses", Http.token(bob), "{\"status\":\"from json\",\"sensitive\":false}"));
        assertThat(s.get("content").asText()).isEqualTo("<p>from json</p>");
        assertThat(s.get("visibility").asText()).isEqualTo("public");
        assertThat(s.get("language").isNull()).isTrue();
    }

    @Test
    void refusesBlankTextBadVisibilityMediaWithoutMediaServiceAndMissingToken() {
        long a = f.directory.create("a");
        assertThat(error(api.postForm(a, "status=+++"), 422)).isEqualTo("Validation failed: Text can't be blank");
        assertThat(error(api.postForm(a, "status=x&visibility=secret"), 422)).contains("Visibility");
        assertThat(error(api.postForm(a, "status=x&media_ids[]=12"), 422)).isEqualTo("Media uploads are not available");
        assertThat(api.http.form("POST", "/api/v1/statuses", null, "status=x").status()).isEqualTo(401);
        assertThat(api.http.form("POST", "/api/v1/statuses", "scoped:1:" + a + ":read", "status=x").status()).isEqualTo(403);
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + a)).isZero();
    }

    @Test
    void countsLengthAsMastodonDoes() {
        long a = f.directory.create("len");
        assertThat(api.postForm(a, "status=" + "x".repeat(500)).status()).isEqualTo(200);
        assertThat(error(api.postForm(a, "status=" + "x".repeat(501)), 422))
                .isEqualTo("Validation failed: Text character limit of 500 exceeded");
        // the content warning counts too
        assertThat(api.postForm(a, "status=" + "x".repeat(490) + "&spoiler_text=" + "y".repeat(11)).status()).isEqualTo(422);
        // a 200-character URL counts 23: 476 + 1 + 23 = 500
        String url = "https://example.org/" + "p".repeat(180);
        assertThat(api.postForm(a, "status=" + enc("x".repeat(476) + " " + url)).status()).isEqualTo(200);
        assertThat(api.postForm(a, "status=" + enc("x".repeat(477) + " " + url)).status()).isEqualTo(422);
        // a remote mention counts as @user: 494 + 1 + 5 ("@user") = 500
        assertThat(api.postForm(a, "status=" + enc("x".repeat(494) + " @user@far.example.org")).status()).isEqualTo(200);
        assertThat(api.postForm(a, "status=" + enc("x".repeat(495) + " @user@far.example.org")).status()).isEqualTo(422);
        // an emoji with a skin tone is one character
        assertThat(api.postForm(a, "status=" + enc("x".repeat(499) + "\uD83D\uDC4D\uD83C\uDFFD")).status()).isEqualTo(200);
    }

    @Test
    void rendersMentionsHashtagsLinksAndEscapes() {
        long author = f.directory.create("writer");
        long carol = f.directory.create("carol");
        String carolName = f.directory.username(carol);
        String text = "Hi @" + carolName + " and @nobody_here, see https://example.org/a?b=1&c=2 #Java <b>&\n"
                + "line two\n\nnew paragraph @" + carolName + "@example.com @x@remote.example";
        JsonNode s = api.post(author, text);
        String content = s.get("content").asText();
        String mention = "<span class=\"h-card\" translate=\"no\"><a href=\"https://social.example/@" + carolName
                + "\" class=\"u-url mention\">@<span>" + carolName + "</span></a></span>";
        assertThat(content).isEqualTo("<p>Hi " + mention + " and @nobody_here, see "
                + "<a href=\"https://example.org/a?b=1&amp;c=2\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\">"
                + "<span class=\"invisible\">https://</span><span class=\"\">example.org/a?b=1&amp;c=2</span>"
                + "<span class=\"invisible\"></span></a> "
                + "<a href=\"https://social.example/tags/java\" class=\"mention hashtag\" rel=\"tag\">#<span>Java</span></a>"
                + " &lt;b&gt;&amp;<br />line two</p><p>new paragraph " + mention + " @x@remote.example</p>");
        assertThat(s.get("mentions")).hasSize(1);
        JsonNode m = s.get("mentions").get(0);
        assertThat(m.get("id").asText()).isEqualTo(Long.toString(carol));
        assertThat(m.get("username").asText()).isEqualTo(carolName);
        assertThat(m.get("acct").asText()).isEqualTo(carolName);
        assertThat(m.get("url").asText()).isEqualTo("https://social.example/@" + carolName);
        assertThat(s.get("tags")).hasSize(1);
        assertThat(s.get("tags").get(0).get("name").asText()).isEqualTo("java");
        assertThat(s.get("tags").get(0).get("url").asText()).isEqualTo("https://social.example/tags/java");
    }

    @Test
    void longLinksAreShortenedForDisplay() {
        long a = f.directory.create("links");
        String url = "https://www.example.org/" + "abcdefghij".repeat(4);
        String content = api.post(a, url).get("content").asText();
        assertThat(content).contains("<span class=\"invisible\">https://www.</span><span class=\"ellipsis\">"
                + ("example.org/" + "abcdefghij".repeat(4)).substring(0, 30) + "</span><span class=\"invisible\">"
                + ("example.org/" + "abcdefghij".repeat(4)).substring(30) + "</span>");
    }

    @Test
    void repliesNeedAVisibleParentAndCountReplies() {
        long a = f.directory.create("op");
        long b = f.directory.create("replier");
        JsonNode parent = api.post(a, "parent");
        JsonNode reply = api.post(b, "reply", "&in_reply_to_id=" + parent.get("id").asText());
        assertThat(reply.get("in_reply_to_id").asText()).isEqualTo(parent.get("id").asText());
        assertThat(reply.get("in_reply_to_account_id").asText()).isEqualTo(Long.toString(a));
        assertThat(ok(api.get("/api/v1/statuses/" + parent.get("id").asText(), null)).get("replies_count").asInt()).isEqualTo(1);

        JsonNode secret = api.post(a, "followers only", "&visibility=private");
        assertThat(error(api.postForm(b, "status=x&in_reply_to_id=" + secret.get("id").asText()), 404)).isEqualTo("Record not found");
        assertThat(error(api.postForm(b, "status=x&in_reply_to_id=999999999"), 404)).isEqualTo("Record not found");
        f.graph.follow(b, a);
        assertThat(api.postForm(b, "status=x&in_reply_to_id=" + secret.get("id").asText()).status()).isEqualTo(200);

        // deleting the reply lowers the counter again and answers the source
        JsonNode deleted = ok(api.http.send("DELETE", "/api/v1/statuses/" + reply.get("id").asText(), Http.token(b), null, null));
        assertThat(deleted.get("text").asText()).isEqualTo("reply");
        assertThat(ok(api.get("/api/v1/statuses/" + parent.get("id").asText(), null)).get("replies_count").asInt()).isZero();
        assertThat(api.get("/api/v1/statuses/" + reply.get("id").asText(), b).status()).isEqualTo(404);
    }

    @Test
    void onlyTheAuthorDeletes() {
        long a = f.directory.create("del");
        long other = f.directory.create("other");
        String id = api.post(a, "mine").get("id").asText();
        assertThat(error(api.http.send("DELETE", "/api/v1/statuses/" + id, Http.token(other), null, null), 404))
                .isEqualTo("Record not found");
        assertThat(api.http.send("DELETE", "/api/v1/statuses/" + id, Http.token(a), null, null).status()).isEqualTo(200);
        assertThat(api.http.send("DELETE", "/api/v1/statuses/" + id, Http.token(a), null, null).status()).isEqualTo(404);
        assertThat(f.count("SELECT count(*) FROM statuses WHERE deleted_at IS NOT NULL AND id = " + id)).isEqualTo(1);
    }

    @Test
    void idempotencyKeyAnswersTheSameStatusForAnHour() {
        long a = f.directory.create("idem");
        JsonNode first = ok(api.idempotent(a, "status=once", "key-1"));
        JsonNode again = ok(api.idempotent(a, "status=once", "key-1"));
        assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + a)).isEqualTo(1);
        // another account's same key is its own
        long b = f.directory.create("idem");
        assertThat(ok(api.idempotent(b, "status=once", "key-1")).get("id").asText()).isNotEqualTo(first.get("id").asText());
        // an expired key posts anew
        f.exec("UPDATE status_idempotency_keys SET created_at = now() - interval '61 minutes' WHERE account_id = " + a);
        assertThat(ok(api.idempotent(a, "status=once", "key-1")).get("id").asText()).isNotEqualTo(first.get("id").asText());
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + a)).isEqualTo(2);
    }

    @Test
    void moderationRejectAnswers422WithTheReasonAndStoresNothing() {
        long a = f.directory.create("spam");
        f.moderation.verdict = Verdict.reject("No spam here");
        assertThat(error(api.postForm(a, "status=" + enc("buy @nobody now")), 422)).isEqualTo("No spam here");
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + a)).isZero();
        LocalPost asked = (LocalPost) f.moderation.last;
        assertThat(asked.text()).isEqualTo("buy @nobody now");
        assertThat(asked.mentions()).containsExactly("nobody");
        assertThat(asked.accountId()).isEqualTo(a);
        assertThat(asked.edit()).isFalse();
    }

    @Test
    void filtersAreToldTheAuthorTheLinksAndTheMentionedStrangers() {
        long a = f.directory.create("linker");
        long friend = f.directory.create("friend");
        long stranger = f.directory.create("stranger");
        f.graph.follow(friend, a);
        f.moderation.verdict = Verdict.accept();
        ok(api.postForm(a, "status=" + enc("see https://shop.example.com/deal and @" + f.directory.username(friend)
                + " @" + f.directory.username(stranger))));
        LocalPost asked = (LocalPost) f.moderation.last;
        assertThat(asked.links()).containsExactly("https://shop.example.com/deal");
        assertThat(asked.strangerMentions()).as("the friend follows the author, the stranger does not").isEqualTo(1);
        assertThat(asked.author().accountId()).isEqualTo(a);
        assertThat(asked.author().local()).isTrue();
        assertThat(asked.author().followersCount()).isEqualTo(3);
        assertThat(asked.author().createdAt()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void heldPostsAreVisibleOnlyToTheirAuthor() {
        long a = f.directory.create("held");
        long follower = f.directory.create("fan");
        f.graph.follow(follower, a);
        f.moderation.verdict = Verdict.hold("check links");
        String id = api.post(a, "held post").get("id").asText();
        assertThat(f.count("SELECT count(*) FROM statuses WHERE held AND id = " + id)).isEqualTo(1);
        assertThat(api.get("/api/v1/statuses/" + id, a).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/statuses/" + id, follower).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
        assertThat(Api.ids(ok(api.get("/api/v1/timelines/home", follower)))).doesNotContain(id);
        assertThat(Api.ids(ok(api.get("/api/v1/timelines/home", a)))).contains(id);
        assertThat(Api.ids(ok(api.get("/api/v1/timelines/public?limit=40", null)))).doesNotContain(id);
    }

    @Test
    void moderationRewritesArePartiallyApplied() {
        long a = f.directory.create("rw");
        long dana = f.directory.create("dana");
        f.moderation.verdict = Verdict.rewrite("Spoilers ahead", Set.of(Rewrite.MARK_SENSITIVE, Rewrite.ADD_CONTENT_WARNING,
                Rewrite.LOWER_VISIBILITY, Rewrite.DROP_MENTIONS));
        JsonNode s = api.post(a, "hey @" + f.directory.username(dana));
        assertThat(s.get("sensitive").asBoolean()).isTrue();
        assertThat(s.get("spoiler_text").asText()).isEqualTo("Spoilers ahead");
        assertThat(s.get("visibility").asText()).isEqualTo("unlisted");
        assertThat(s.get("mentions")).isEmpty();
        assertThat(s.get("content").asText()).isEqualTo("<p>hey @" + f.directory.username(dana) + "</p>");
        // an existing content warning is kept; private stays private
        JsonNode kept = api.post(a, "x", "&spoiler_text=mine&visibility=private");
        assertThat(kept.get("spoiler_text").asText()).isEqualTo("mine");
        assertThat(kept.get("visibility").asText()).isEqualTo("private");
        // STRIP_MEDIA drops media ids
        f.moderation.verdict = Verdict.rewrite("no media", Set.of(Rewrite.STRIP_MEDIA));
        Media media = new Media();
        f.views.setMedia(media);
        try {
            JsonNode stripped = api.post(a, "pic", "&media_ids[]=5");
            assertThat(stripped.get("media_attachments")).isEmpty();
            assertThat(media.attached).isEmpty();
        } finally {
            f.views.unsetMedia(media);
        }
    }

    @Test
    void mediaAreAttachedRenderedAndDetachedThroughTheMediaService() {
        long a = f.directory.create("media");
        Media media = new Media();
        f.views.setMedia(media);
        try {
            JsonNode s = api.post(a, "", "&media_ids[]=5&media_ids[]=6");
            long id = s.get("id").asLong();
            assertThat(media.attached).containsEntry(id, java.util.List.of(5L, 6L));
            assertThat(s.get("media_attachments")).hasSize(2);
            assertThat(s.get("media_attachments").get(0).get("id").asText()).isEqualTo("5");
            assertThat(error(api.postForm(a, "status=x&media_ids[]=66"), 422)).isEqualTo("unknown media 66");
            assertThat(api.http.send("DELETE", "/api/v1/statuses/" + id + "?delete_media=true", Http.token(a), null, null)
                    .status()).isEqualTo(200);
            assertThat(media.detached).containsExactly(id + ":true");
            // JSON arrays work the same
            JsonNode j = ok(api.http.json("POST", "/api/v1/statuses", Http.token(a), "{\"media_ids\":[\"7\"]}"));
            assertThat(media.attached).containsEntry(j.get("id").asLong(), java.util.List.of(7L));
        } finally {
            f.views.unsetMedia(media);
        }
        assertThat(error(api.postForm(a, "status=x&media_ids[]=5"), 422)).isEqualTo("Media uploads are not available");
    }

    /** The media bundle's service as a map; ids above 50 are unknown. */
    static final class Media implements social.herd.api.media.MediaAttachments {
        final java.util.Map<Long, java.util.List<Long>> attached = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.List<String> detached = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void attach(social.herd.api.db.Tx tx, long accountId, long statusId, java.util.List<Long> mediaIds) {
            for (Long m : mediaIds) if (m > 50) throw new IllegalArgumentException("unknown media " + m);
            attached.put(statusId, mediaIds);
        }

        @Override
        public void detach(social.herd.api.db.Tx tx, long statusId, boolean delete) {
            detached.add(statusId + ":" + delete);
        }

        @Override
        public java.util.Map<Long, java.util.List<Object>> forStatuses(java.util.Collection<Long> statusIds) {
            java.util.Map<Long, java.util.List<Object>> out = new java.util.HashMap<>();
            for (Long id : statusIds) {
                java.util.List<Long> ids = attached.get(id);
                if (ids != null) out.put(id, ids.stream().<Object>map(m -> java.util.Map.of("id", m.toString())).toList());
            }
            return out;
        }
    }
}
