package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer.Scheme;
import social.herd.testing.TestPostgres;

/**
 * The real-world corpus of {@code core-bundles/federation/src/test/resources/corpus} (Mastodon,
 * Pleroma, Misskey, GoToSocial, Pixelfed, PeerTube, Lemmy), not only parsed but applied: every
 * document is moved onto fake servers run by the test (each original origin becomes a fake peer
 * on its own port, every URL of that origin rewritten to it), the actors it names are published
 * there with keys made here (the corpus actor document itself where the corpus has it), objects it
 * refers to on third servers are pointed at local posts of alice or at documents the fake peers
 * serve, and it is signed and POSTed to Herd's shared inbox. Each case then asserts, through the
 * Mastodon API, what applying it changed; at the end no server error was answered or logged.
 */
class CorpusApplyTest {

    /** Surefire runs in itests/: the corpus of the federation bundle's unit tests. */
    static final Path CORPUS = Path.of("../core-bundles/federation/src/test/resources/corpus");
    static final Set<String> POST_TYPES = Set.of("Note", "Question", "Page", "Video", "Article");
    static final Set<String> ACTOR_TYPES = Set.of("Person", "Service", "Group", "Application", "Organization");
    /** Hosts of vocabularies, never rewritten. */
    static final Set<String> NAMESPACE_HOSTS = Set.of("www.w3.org", "w3id.org", "joinmastodon.org", "ostatus.org",
            "schema.org", "purl.org", "pixelfed.org", "misskey-hub.net", "join-lemmy.org", "litepub.social");
    static final Pattern URL = Pattern.compile("https?://([A-Za-z0-9.-]+(?::\\d+)?)");

    static Peer herd;
    static Peer.User alice;
    static String aliceUri;
    static String sharedInbox;
    /** Original authority (e.g. "mastodon.example.org") to the fake peer that plays it. */
    static final Map<String, FakePeer> peers = new ConcurrentHashMap<>();
    /** Rewritten actor id to its key. */
    static final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    /** Rewritten actor id to its keyId. */
    static final Map<String, String> keyIds = new ConcurrentHashMap<>();
    /** Corpus actor documents by original id. */
    static final Map<String, ObjectNode> corpusActors = new LinkedHashMap<>();
    static final List<Integer> statuses = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", TestPostgres.freshDatabase(), "HERD_DB_USER", "postgres");
        alice = herd.user("alice");
        aliceUri = herd.publicUrl + "/users/alice";
        sharedInbox = herd.publicUrl + "/inbox";
        // every corpus actor and post is published by the fake peer of its origin, so that
        // references between documents (a reply's parent, an announced video) resolve
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                ObjectNode d = (ObjectNode) FakePeer.JSON.readTree(p.toFile());
                String type = d.path("type").asText();
                if (ACTOR_TYPES.contains(type)) corpusActors.put(d.get("id").asText(), d);
            }
            for (Path p : Files.walk(CORPUS).filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode d = FakePeer.JSON.readTree(p.toFile());
                JsonNode post = d.path("type").asText().equals("Create") ? d.path("object") : d;
                if (POST_TYPES.contains(post.path("type").asText())) {
                    String rewritten = rewrite(FakePeer.json(post));
                    peerOf(post.get("id").asText()).serve(FakePeer.JSON.readTree(rewritten).get("id").asText(), rewritten);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) {
            // kept for diagnosis next to the surefire reports
            Files.writeString(Path.of("target/corpus-apply-herd.log"), herd.server.log());
            herd.close();
        }
        for (FakePeer p : peers.values()) p.close();
    }

    @TestFactory
    List<DynamicTest> corpus() {
        List<DynamicTest> t = new ArrayList<>();

        // ---- actors: fetched (by WebFinger and id) when looked up, shown as accounts ----------
        t.add(actor("mastodon/actor-person.json", a -> assertThat(a.get("display_name").asText()).isEqualTo("Mastodon")));
        t.add(actor("mastodon/actor-service.json", a -> {
            assertThat(a.get("bot").asBoolean()).as("a Service is a bot").isTrue();
            assertThat(a.get("display_name").asText()).isEqualTo("fediverse's stats");
            assertThat(a.get("fields").findValuesAsText("name")).contains("code", "coded by");
        }));
        t.add(actor("pleroma/actor.json", a -> {
            assertThat(a.get("display_name").asText()).contains("Haelwenn");
            assertThat(a.get("note").asText()).contains("Pleroma maintainer");
        }));
        t.add(actor("misskey/actor.json", a -> assertThat(a.get("display_name").asText()).isEqualTo("あいむ")));
        t.add(actor("gotosocial/actor-emoji.json", a -> assertThat(a.get("display_name").asText()).isEqualTo("original zork (he/they)")));
        t.add(actor("gotosocial/actor-fields.json", a -> {
            assertThat(a.get("locked").asBoolean()).isTrue();
            assertThat(a.get("fields").findValuesAsText("name")).containsExactly("should you follow me?", "age");
        }));
        t.add(actor("peertube/actor-person.json", a -> assertThat(a.get("display_name").asText()).isEqualTo("The Linux Experiment")));
        t.add(actor("lemmy/actor-person.json", a -> assertThat(a.get("display_name").asText()).isEqualTo("Jean-Luc Picard")));
        t.add(actor("lemmy/actor-group.json", a -> {
            assertThat(a.get("display_name").asText()).isEqualTo("Ten Forward");
            assertThat(a.get("group").asBoolean()).as("a Lemmy community is a group").isTrue();
        }));

        // ---- posts: Create (bare objects wrapped in a Create from their author) ---------------
        t.add(post("mastodon/create-hashtag.json", Map.of(), s -> {
            assertThat(s.get("spoiler_text").asText()).isEqualTo("cw");
            assertThat(s.get("sensitive").asBoolean()).isTrue();
            assertThat(s.get("tags").findValuesAsText("name")).contains("moo");
        }));
        t.add(post("mastodon/create-question.json", Map.of(), s -> assertThat(s.get("poll").get("options").findValuesAsText("title"))
                .containsExactly("Dunno", "Everyone knows that!", "25 char limit is dumb", "I can't even fit a funny")));
        t.add(post("mastodon/note-attachment.json", Map.of(), s -> assertThat(s.get("media_attachments")).hasSize(1)));
        t.add(post("mastodon/note-emoji.json", Map.of(), s -> assertThat(s.get("emojis").findValuesAsText("shortcode"))
                .contains("KritischerTreffer")));
        t.add(post("mastodon/note-reply.json", Map.of(), s -> {
            assertThat(s.get("content").asText()).contains("never been disappointed");
            assertThat(s.get("visibility").asText()).isEqualTo("unlisted");
        }));
        // a direct message to a Lemmy user: addressed to alice instead, it reaches her as a mention
        t.add(DynamicTest.dynamicTest("mastodon/note-direct.json", () -> {
            JsonNode create = apply("mastodon/note-direct.json", Map.of("https://ds9.lemmy.ml/u/nutomic", aliceUri));
            String uri = create.get("object").get("id").asText();
            JsonNode n = alice.await("/api/v1/notifications", ns -> find(ns, x -> x.path("status").path("uri").asText().equals(uri)) != null);
            JsonNode status = find(n, x -> x.path("status").path("uri").asText().equals(uri)).get("status");
            assertThat(status.get("visibility").asText()).isEqualTo("direct");
            assertThat(status.get("content").asText()).contains("44");
        }));
        t.add(post("pleroma/create-note.json", Map.of(), s -> assertThat(s.get("content").asText()).contains("test")));
        t.add(post("pleroma/note-unlisted.json", Map.of(), s -> {
            assertThat(s.get("content").asText()).contains("Have what?");
            assertThat(s.get("visibility").asText()).isEqualTo("unlisted");
        }));
        t.add(post("pleroma/question-closed.json", Map.of(), s -> {
            assertThat(s.get("poll").get("options").findValuesAsText("title")).containsExactly("yes", "no");
            assertThat(s.get("poll").get("expired").asBoolean()).isTrue();
        }));
        t.add(post("misskey/note.json", Map.of(), s -> assertThat(s.get("content").asText()).contains("Fantia")));
        t.add(post("misskey/note-quote.json", Map.of(), s -> assertThat(s.get("content").asText()).contains("i quompt u")));
        t.add(post("misskey/question-no-end.json", Map.of(), s -> assertThat(s.get("poll").get("options").findValuesAsText("title"))
                .containsExactly("Working", "Broken af")));
        t.add(post("gotosocial/note-intro-cw.json", Map.of(), s -> {
            assertThat(s.get("spoiler_text").asText()).isEqualTo("introduction post");
            assertThat(s.get("content").asText()).contains("hello everyone!");
        }));
        t.add(post("gotosocial/note-mention.json", Map.of(), s -> assertThat(s.get("in_reply_to_id").isNull()).isFalse()));
        t.add(post("pixelfed/create-note-image.json", Map.of(), s -> {
            assertThat(s.get("media_attachments")).hasSize(1);
            assertThat(s.get("tags").findValuesAsText("name")).contains("streetphotography", "colorphotography");
        }));
        t.add(post("pixelfed/create-reply.json", Map.of(), s -> assertThat(s.get("content").asText()).contains("Extra colours!")));
        t.add(post("peertube/video.json", Map.of(), s -> assertThat(s.get("content").asText()).contains("Linux")));
        t.add(post("lemmy/page.json", Map.of(), s -> assertThat(s.get("content").asText()).contains("Post title")));
        t.add(post("lemmy/comment.json", Map.of(), s -> {
            assertThat(s.get("content").asText()).contains("first comment!");
            assertThat(s.get("in_reply_to_id").isNull()).as("a reply to the Lemmy post").isFalse();
        }));

        // ---- reactions to alice's posts: Like, Misskey reaction, Lemmy upvote, EmojiReact -------
        t.add(like("mastodon/like.json", "http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454"));
        t.add(like("misskey/like-reaction.json", "https://testing.pleroma.lol/objects/c331bbf7-2eb9-4801-a709-2a6103492a5a"));
        t.add(like("lemmy/like.json", "http://ds9.lemmy.ml/comment/1"));
        t.add(like("pleroma/emoji-react.json", "http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454"));

        // ---- boosts ------------------------------------------------------------------------------
        t.add(DynamicTest.dynamicTest("mastodon/announce.json + mastodon/undo-announce.json", () -> {
            String object = "http://mastodon.example.org/@admin/99541947525187367";
            // the boosted post, served by the fake mastodon.example.org
            String note = rewrite(FakePeer.json(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", object,
                    "type", "Note", "attributedTo", "http://mastodon.example.org/users/admin",
                    "content", "<p>the boosted toot</p>", "published", "2018-02-17T17:46:20Z",
                    "to", List.of("https://www.w3.org/ns/activitystreams#Public"))));
            peerOf(object).serve(rewrite(object), note);
            JsonNode announce = apply("mastodon/announce.json", Map.of());
            String actor = announce.get("actor").asText();
            String account = lookup(actor);
            alice.await("/api/v1/accounts/" + account + "/statuses",
                    ss -> find(ss, s -> s.path("reblog").path("uri").asText().equals(rewrite(object))) != null);
            apply("mastodon/undo-announce.json", Map.of());
            alice.await("/api/v1/accounts/" + account + "/statuses",
                    ss -> find(ss, s -> s.path("reblog").path("uri").asText().equals(rewrite(object))) == null);
        }));
        // a boost of a post on another server (mastodonapp.uk), fetched from there
        t.add(DynamicTest.dynamicTest("pixelfed/announce.json", () -> {
            String object = "https://mastodonapp.uk/@damianward/111322877716364793";
            String note = rewrite(FakePeer.json(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", object,
                    "type", "Note", "attributedTo", "https://mastodonapp.uk/users/damianward",
                    "content", "<p>a post pixelfed boosted</p>", "published", "2023-10-30T12:00:00Z",
                    "to", List.of("https://www.w3.org/ns/activitystreams#Public"))));
            publishActor(rewrite("https://mastodonapp.uk/users/damianward"));
            peerOf(object).serve(rewrite(object), note);
            JsonNode announce = apply("pixelfed/announce.json", Map.of());
            String account = lookup(announce.get("actor").asText());
            JsonNode ss = alice.await("/api/v1/accounts/" + account + "/statuses",
                    x -> find(x, s -> s.path("reblog").path("uri").asText().equals(rewrite(object))) != null);
            assertThat(find(ss, s -> s.path("reblog").path("uri").asText().equals(rewrite(object)))
                    .get("reblog").get("content").asText()).contains("a post pixelfed boosted");
        }));
        // a PeerTube channel (a Group) boosting its own video: the video is fetched and shown boosted
        t.add(DynamicTest.dynamicTest("peertube/announce-video.json", () -> {
            String video = rewrite("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1");
            JsonNode announce = apply("peertube/announce-video.json", Map.of());
            String account = lookup(announce.get("actor").asText());
            alice.await("/api/v1/accounts/" + account + "/statuses",
                    x -> find(x, s -> s.path("reblog").path("uri").asText().equals(video)) != null);
        }));
        // a followers-only self-boost: legitimately not applied. Herd (like Mastodon) only lets public
        // and unlisted posts be boosted (ContentHandlers.announce), so it fetches the boosted post,
        // sees it is followers-only and skips the Announce: 202, no reblog, no error
        t.add(DynamicTest.dynamicTest("gotosocial/announce-followers-only.json", () -> {
            String object = "http://localhost:8080/users/the_mighty_zork/statuses/01FCTA44PW9H1TB328S9AQXKDS";
            String note = rewrite(FakePeer.json(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", object,
                    "type", "Note", "attributedTo", "http://localhost:8080/users/the_mighty_zork",
                    "content", "<p>followers only</p>", "published", "2021-08-10T12:00:00Z",
                    "to", List.of("http://localhost:8080/users/the_mighty_zork/followers"))));
            peerOf(object).serve(rewrite(object), note);
            JsonNode announce = apply("gotosocial/announce-followers-only.json", Map.of());
            String account = lookup(announce.get("actor").asText());
            String path = URI.create(rewrite(object)).getPath();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (peerOf(object).requestsFor(path).isEmpty() && System.nanoTime() < deadline) Http.sleep(200);
            assertThat(peerOf(object).requestsFor(path)).as("the boosted post was fetched").isNotEmpty();
            Http.sleep(1000);
            JsonNode ss = alice.ok(alice.get("/api/v1/accounts/" + account + "/statuses"));
            assertThat(find(ss, s -> s.path("reblog").path("uri").asText().equals(rewrite(object))))
                    .as("a followers-only boost is not public").isNull();
        }));

        // ---- deletes: the post is created first (with the id the Delete names), then deleted ----
        t.add(delete("mastodon/delete-tombstone.json", "https://mastodon.madrid/users/felix/statuses/107773559874184870",
                "https://mastodon.madrid/users/felix"));
        t.add(delete("pleroma/delete.json", "https://greenish.red/objects/38e2b983-ebf5-4387-9bc2-3b80305469c9",
                "https://greenish.red/users/vpzom"));
        t.add(delete("gotosocial/delete.json", "http://localhost:8080/users/admin/statuses/01F8MH75CBF9JFX4ZAD54N0W0R",
                "http://localhost:8080/users/admin"));
        t.add(delete("lemmy/delete-page.json", "http://ds9.lemmy.ml/post/1", "http://ds9.lemmy.ml/u/lemmy_alpha"));

        // ---- follows: the followed community/user becomes alice ----------------------------------
        t.add(follow("mastodon/follow.json", "https://ds9.lemmy.ml/c/testcom"));
        t.add(follow("pleroma/follow.json", "https://lemmy.ca/u/kinetix"));
        t.add(DynamicTest.dynamicTest("lemmy/undo-follow.json", () -> {
            // the follow it undoes, exactly as embedded (its object made alice), sent first
            String follow = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"actor\":\"http://ds9.lemmy.ml/u/lemmy_alpha\","
                    + "\"object\":\"" + aliceUri + "\",\"type\":\"Follow\","
                    + "\"id\":\"http://ds9.lemmy.ml/activities/follow/dc2f1bc5-f3a0-4daa-a46b-428cbfbd023c\"}";
            JsonNode f = send(rewrite(follow));
            String acct = acct(f.get("actor").asText());
            alice.await("/api/v1/accounts/" + alice.id + "/followers", x -> x.findValuesAsText("acct").contains(acct));
            apply("lemmy/undo-follow.json", Map.of("http://enterprise.lemmy.ml/c/main", aliceUri));
            alice.await("/api/v1/accounts/" + alice.id + "/followers", x -> !x.findValuesAsText("acct").contains(acct));
        }));
        // an Accept of a follow alice never sent: accepted (202), logged and skipped, no follow made
        t.add(DynamicTest.dynamicTest("lemmy/accept-follow.json", () -> {
            JsonNode accept = apply("lemmy/accept-follow.json", Map.of("http://ds9.lemmy.ml/u/lemmy_alpha", aliceUri));
            String community = lookup(accept.get("actor").asText());
            Http.sleep(1500);
            JsonNode rel = alice.ok(alice.get("/api/v1/accounts/relationships?id[]=" + community)).get(0);
            assertThat(rel.get("following").asBoolean()).isFalse();
            assertThat(rel.get("requested").asBoolean()).isFalse();
            assertThat(alice.ok(alice.get("/api/v1/accounts/" + alice.id + "/following")).findValuesAsText("id"))
                    .doesNotContain(community);
        }));

        t.add(DynamicTest.dynamicTest("no server error", () -> {
            assertThat(statuses).isNotEmpty().allMatch(s -> s == 202);
            assertThat(herd.serverErrors()).isEmpty();
            // a failed ingress job is retried (and logged): none of the documents may have made one fail
            assertThat(herd.jobWarnings()).isEmpty();
        }));
        return t;
    }

    // ---- cases ----------------------------------------------------------------------------------

    interface Check {
        void on(JsonNode json);
    }

    /** An actor document: looked up by its handle on its (fake) server, fetched and shown. */
    static DynamicTest actor(String file, Check check) {
        return DynamicTest.dynamicTest(file, () -> {
            String id = rewrite(read(file).get("id").asText());
            publishActor(id);
            String account = lookup(id);
            check.on(alice.ok(alice.get("/api/v1/accounts/" + account)));
        });
    }

    /** A post (a Create, or a bare object sent in a Create from its author): found on its author's account. */
    static DynamicTest post(String file, Map<String, String> replace, Check check) {
        return DynamicTest.dynamicTest(file, () -> {
            JsonNode create = apply(file, replace);
            String uri = create.get("object").get("id").asText();
            String account = lookup(create.get("actor").asText());
            JsonNode ss = alice.await("/api/v1/accounts/" + account + "/statuses?limit=40",
                    x -> find(x, s -> s.path("uri").asText().equals(uri)) != null);
            check.on(find(ss, s -> s.path("uri").asText().equals(uri)));
        });
    }

    /** A Like (or reaction) of a post elsewhere, pointed at a new post of alice: she gets a favourite. */
    static DynamicTest like(String file, String object) {
        return DynamicTest.dynamicTest(file, () -> {
            JsonNode post = alice.status("liked by " + file, "public");
            JsonNode like = apply(file, Map.of(object, post.get("uri").asText()));
            alice.await("/api/v1/statuses/" + post.get("id").asText(), s -> s.get("favourites_count").asInt() == 1);
            String acct = acct(like.get("actor").asText());
            JsonNode by = alice.ok(alice.get("/api/v1/statuses/" + post.get("id").asText() + "/favourited_by"));
            assertThat(by.findValuesAsText("acct")).contains(acct);
        });
    }

    /** A Delete of a post its author created just before (same id): the post is gone. */
    static DynamicTest delete(String file, String object, String author) {
        return DynamicTest.dynamicTest(file, () -> {
            String note = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + object + "#create\",\"type\":\"Create\","
                    + "\"actor\":\"" + author + "\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"],\"object\":{"
                    + "\"id\":\"" + object + "\",\"type\":\"Note\",\"attributedTo\":\"" + author + "\",\"content\":\"<p>to be deleted</p>\","
                    + "\"published\":\"" + Instant.now() + "\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]}}";
            JsonNode create = send(rewrite(note));
            String uri = create.get("object").get("id").asText();
            String account = lookup(create.get("actor").asText());
            JsonNode ss = alice.await("/api/v1/accounts/" + account + "/statuses",
                    x -> find(x, s -> s.path("uri").asText().equals(uri)) != null);
            String id = find(ss, s -> s.path("uri").asText().equals(uri)).get("id").asText();
            apply(file, Map.of());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (alice.get("/api/v1/statuses/" + id).status() != 404 && System.nanoTime() < deadline) Http.sleep(200);
            assertThat(alice.get("/api/v1/statuses/" + id).status()).isEqualTo(404);
        });
    }

    /** A Follow of someone elsewhere, pointed at alice: the sender is among her followers. */
    static DynamicTest follow(String file, String object) {
        return DynamicTest.dynamicTest(file, () -> {
            JsonNode f = apply(file, Map.of(object, aliceUri));
            String acct = acct(f.get("actor").asText());
            alice.await("/api/v1/accounts/" + alice.id + "/followers", x -> x.findValuesAsText("acct").contains(acct));
        });
    }

    // ---- applying a document ------------------------------------------------------------------

    static ObjectNode read(String file) {
        try {
            return (ObjectNode) FakePeer.JSON.readTree(Files.readString(CORPUS.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the strings of {@code replace} (references to third servers made local), wraps a bare
     * post in a Create from its author, moves every origin onto its fake peer and sends it.
     */
    static JsonNode apply(String file, Map<String, String> replace) throws IOException {
        String text = Files.readString(CORPUS.resolve(file));
        for (var r : replace.entrySet()) {
            assertThat(text).as("%s names %s", file, r.getKey()).contains(r.getKey());
            text = text.replace(r.getKey(), r.getValue());
        }
        ObjectNode doc = (ObjectNode) FakePeer.JSON.readTree(text);
        if (POST_TYPES.contains(doc.path("type").asText())) doc = wrap(doc);
        return send(rewrite(FakePeer.json(doc)));
    }

    /** A bare post in the Create its author would have sent. */
    static ObjectNode wrap(ObjectNode post) {
        ObjectNode c = FakePeer.JSON.createObjectNode();
        c.put("@context", "https://www.w3.org/ns/activitystreams");
        c.put("id", post.get("id").asText() + "#corpus-create");
        c.put("type", "Create");
        JsonNode by = post.get("attributedTo");
        String author = by.isTextual() ? by.asText() : null;
        if (by.isArray()) {
            for (JsonNode b : by) {
                if (b.path("type").asText().equals("Person")) author = b.get("id").asText();
            }
        }
        c.put("actor", author);
        if (post.has("to")) c.set("to", post.get("to"));
        if (post.has("cc")) c.set("cc", post.get("cc"));
        c.set("object", post);
        return c;
    }

    /** Publishes the activity's actor, signs the activity as that actor and POSTs it to Herd's shared inbox. */
    static JsonNode send(String activity) throws IOException {
        JsonNode a = FakePeer.JSON.readTree(activity);
        String actor = a.get("actor").asText();
        publishActor(actor);
        FakePeer.Signed s = FakePeer.post(sharedInbox, activity.getBytes(StandardCharsets.UTF_8), keyIds.get(actor),
                keys.get(actor).getPrivate(), Instant.now(), Scheme.CAVAGE);
        Http.Reply r = herd.http.send(s.builder());
        statuses.add(r.status());
        assertThat(r.status()).as("%s: %s\nserver log about it: %s", activity, r.body(),
                herd.server.log().lines().filter(l -> l.contains(actor) || l.contains(URI.create(actor).getRawAuthority())).toList()
                        + " peer saw " + peerByBase(actor).received.stream().map(x -> x.method() + " " + x.path() + " " + x.headers().get("Host")).toList())
                .isEqualTo(202);
        return a;
    }

    /**
     * Publishes the actor {@code id} (already rewritten) on its fake peer with a key made here: the
     * corpus document of that actor when there is one, else a minimal Person named after its path.
     */
    static synchronized void publishActor(String id) {
        if (keys.containsKey(id)) return;
        KeyPair key = FakePeer.rsa();
        ObjectNode doc = null;
        for (ObjectNode d : corpusActors.values()) {
            if (rewrite(d.get("id").asText()).equals(id)) doc = (ObjectNode) readTree(rewrite(FakePeer.json(d)));
        }
        if (doc == null) {
            doc = FakePeer.JSON.valueToTree(FakePeer.document(new FakePeer.Actor("x", "x", key)));
            String path = URI.create(id).getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            doc.put("id", id);
            doc.put("preferredUsername", name);
            doc.put("name", name);
            doc.put("inbox", id + "/inbox");
            doc.put("outbox", id + "/outbox");
            doc.put("followers", id + "/followers");
            doc.put("following", id + "/following");
            doc.remove("publicKey");
            if (path.contains("/video-channels/") || path.contains("/c/")) doc.put("type", "Group");
        }
        String keyId = doc.path("publicKey").path("id").asText(id + "#main-key");
        ObjectNode pk = FakePeer.JSON.createObjectNode();
        pk.put("id", keyId);
        pk.put("owner", id);
        pk.put("publicKeyPem", FakePeer.pem(key));
        doc.set("publicKey", pk);
        String json = FakePeer.json(doc);
        FakePeer peer = peerByBase(id);
        peer.serve(id, json);
        // GoToSocial's keys live at …/main-key: serve the actor there too
        if (!keyId.contains("#")) peer.serve(keyId, json);
        peer.webfinger(doc.get("preferredUsername").asText() + "@" + URI.create(id).getRawAuthority(), id);
        keys.put(id, key);
        keyIds.put(id, keyId);
    }

    static JsonNode readTree(String s) {
        try {
            return FakePeer.JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "user@127.0.0.1:port" of a published actor. */
    static String acct(String id) {
        publishActor(id);
        JsonNode doc = readTree(peerByBase(id).documentAt(id));
        return doc.get("preferredUsername").asText() + "@" + URI.create(id).getRawAuthority();
    }

    /** The local id of the account of actor {@code id}, looked up by handle (fetched if unknown). */
    static String lookup(String id) {
        return alice.lookup(acct(id));
    }

    // ---- moving origins onto fake peers ---------------------------------------------------------

    /** The fake peer playing the server of the original URL {@code url}. */
    static FakePeer peerOf(String url) {
        return peers.computeIfAbsent(URI.create(url).getRawAuthority(), h -> FakePeer.start());
    }

    /** The fake peer whose base a rewritten URL starts with. */
    static FakePeer peerByBase(String rewritten) {
        for (FakePeer p : peers.values()) {
            if (rewritten.startsWith(p.base() + "/")) return p;
        }
        throw new IllegalArgumentException("not on a fake peer: " + rewritten);
    }

    /** Every http(s) origin in {@code text} but Herd's and the vocabularies' becomes its fake peer. */
    static String rewrite(String text) {
        Set<String> hosts = new LinkedHashSet<>();
        Matcher m = URL.matcher(text);
        while (m.find()) hosts.add(m.group(1));
        String herdHost = herd == null ? "" : herd.domain();
        Set<String> fakes = new LinkedHashSet<>();
        for (FakePeer p : peers.values()) fakes.add(p.host());
        for (String h : hosts) {
            if (NAMESPACE_HOSTS.contains(h) || h.equals(herdHost) || fakes.contains(h)) continue;
            FakePeer p = peers.computeIfAbsent(h, x -> FakePeer.start());
            text = text.replaceAll("https?://" + Pattern.quote(h) + "(?![A-Za-z0-9.:-])", Matcher.quoteReplacement(p.base()));
        }
        return text;
    }

    static JsonNode find(JsonNode array, Predicate<JsonNode> p) {
        for (Iterator<JsonNode> i = array.elements(); i.hasNext(); ) {
            JsonNode n = i.next();
            if (p.test(n)) return n;
        }
        return null;
    }
}
