package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer.Actor;
import social.herd.itests.federation.FakePeer.Scheme;
import social.herd.itests.federation.FakePeer.Signed;
import social.herd.testing.TestPostgres;

/**
 * Both inboxes of one Herd under attack from a fake remote server run by the test: a correctly
 * signed activity is accepted (202) and applied, while unsigned, forged, tampered, stale, replayed,
 * misattributed, malformed, oversized and blocked-domain requests are refused with the right 4xx,
 * and activities about objects Herd does not know are accepted but change nothing. After every
 * refusal the state users can see (followers, notifications, the federated timeline, favourites)
 * is unchanged, and the server never answers or logs a server error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxSafetyTest {

    static FakePeer remote;
    static Actor mallory;  // the attacker's legitimate identity, whose follow is accepted
    static Actor eve;      // another actor of the same server, with her own key
    static Actor trent;    // on a blocked domain (an alias of the fake server: localhost:port)
    static Peer herd;
    static Peer.User alice;
    static String aliceUri;
    static String aliceStatusId;
    static String aliceStatusUri;
    static String aliceInbox;
    static String sharedInbox;
    static final List<Integer> statuses = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        remote = FakePeer.start();
        mallory = remote.actor("mallory");
        eve = remote.actor("eve");
        trent = remote.actor("trent", "localhost:" + remote.port);
        String db = TestPostgres.freshDatabase();
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", db, "HERD_DB_USER", "postgres");
        // an instance domain block (no admin API yet): the row an admin's "suspend" writes
        try (Connection c = DriverManager.getConnection(db, "postgres", "");
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO federation_domain_blocks (domain, severity) VALUES (?, 'suspend')")) {
            ps.setString(1, trent.host());
            ps.executeUpdate();
        }
        alice = herd.user("alice");
        aliceUri = herd.publicUrl + "/users/alice";
        aliceInbox = aliceUri + "/inbox";
        sharedInbox = herd.publicUrl + "/inbox";
        JsonNode post = alice.status("alice says hello", "public");
        aliceStatusId = post.get("id").asText();
        aliceStatusUri = post.get("uri").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (remote != null) remote.close();
    }

    @Test
    @Order(1)
    void aSignedFollowIsAcceptedAndAppliedButItsReplayIsRefused() {
        Signed follow = FakePeer.post(aliceInbox, follow(mallory, aliceUri), mallory);
        assertThat(send(follow).status()).isEqualTo(202);
        JsonNode followers = alice.await("/api/v1/accounts/" + alice.id + "/followers",
                f -> f.findValuesAsText("acct").contains(mallory.acct()));
        assertThat(followers.size()).isEqualTo(1);
        // Herd fetched mallory's key from the fake server and answered the follow with an Accept
        assertThat(remote.requestsFor("/users/mallory")).isNotEmpty();
        awaitDelivery("/users/mallory/inbox", "Accept");

        State before = state();
        Http.Reply replay = send(follow);
        assertThat(replay.status()).as("the very same signed request once more: %s", replay.body()).isEqualTo(401);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void anRfc9421SignatureIsAcceptedToo() {
        Signed like = FakePeer.post(sharedInbox, bytes(like(eve, aliceStatusUri)), eve.keyId(), eve.privateKey(),
                Instant.now(), Scheme.RFC9421);
        assertThat(like.headers()).containsKeys("Signature-Input", "Content-Digest").doesNotContainKey("Digest");
        assertThat(send(like).status()).isEqualTo(202);
        alice.await("/api/v1/statuses/" + aliceStatusId, s -> s.get("favourites_count").asInt() == 1);
        JsonNode n = alice.await("/api/v1/notifications", x -> x.findValuesAsText("type").contains("favourite"));
        assertThat(n.get(0).get("account").get("acct").asText()).isEqualTo(eve.acct());
        State before = state();
        assertThat(send(like).status()).as("replayed RFC 9421 request").isEqualTo(401);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void forgedUnsignedTamperedOrStaleRequestsAreRefused() throws Exception {
        State before = state();
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Signed> cases = new LinkedHashMap<>();

        byte[] body = bytes(forgedNote(mallory, "unsigned"));
        cases.put("unsigned", FakePeer.unsignedPost(aliceInbox, body));
        expected.put("unsigned", 401);

        body = bytes(forgedNote(mallory, "unknown-scheme"));
        cases.put("unknown-scheme", FakePeer.unsignedPost(aliceInbox, body).withHeader("Authorization", "Foo bar"));
        expected.put("unknown-scheme", 401);

        body = bytes(forgedNote(mallory, "bad-digest"));
        byte[] tampered = bytes(forgedNote(mallory, "bad-digest-tampered"));
        Signed signed = FakePeer.post(aliceInbox, body, mallory.keyId(), mallory.privateKey(), Instant.now(), Scheme.CAVAGE);
        cases.put("bad-digest", signed.withBody(tampered));
        expected.put("bad-digest", 401);

        // the body swapped and its digest recomputed: the digest is signed, so the signature breaks
        body = bytes(forgedNote(mallory, "digest-rewritten"));
        tampered = bytes(forgedNote(mallory, "digest-rewritten-tampered"));
        signed = FakePeer.post(aliceInbox, body, mallory.keyId(), mallory.privateKey(), Instant.now(), Scheme.CAVAGE);
        cases.put("digest-rewritten", signed.withBody(tampered).withHeader("Digest", "SHA-256=" + sha256(tampered)));
        expected.put("digest-rewritten", 401);

        // RFC 9421 with a Content-Digest that does not match the body
        body = bytes(forgedNote(mallory, "bad-content-digest"));
        signed = FakePeer.post(aliceInbox, body, mallory.keyId(), mallory.privateKey(), Instant.now(), Scheme.RFC9421);
        cases.put("bad-content-digest", signed.withBody(bytes(forgedNote(mallory, "bad-content-digest-tampered"))));
        expected.put("bad-content-digest", 401);

        // mallory's keyId, but signed with eve's private key
        body = bytes(forgedNote(mallory, "wrong-key"));
        cases.put("wrong-key", FakePeer.post(aliceInbox, body, mallory.keyId(), eve.privateKey(), Instant.now(), Scheme.CAVAGE));
        expected.put("wrong-key", 401);

        // a keyId whose actor does not exist on the remote server
        body = bytes(forgedNote(mallory, "unknown-key"));
        cases.put("unknown-key", FakePeer.post(aliceInbox, body, remote.base() + "/users/nobody#main-key",
                mallory.privateKey(), Instant.now(), Scheme.CAVAGE));
        expected.put("unknown-key", 401);

        body = bytes(forgedNote(mallory, "stale-date"));
        cases.put("stale-date", FakePeer.post(aliceInbox, body, mallory.keyId(), mallory.privateKey(),
                Instant.now().minus(Duration.ofHours(2)), Scheme.CAVAGE));
        expected.put("stale-date", 401);

        body = bytes(forgedNote(mallory, "future-date"));
        cases.put("future-date", FakePeer.post(aliceInbox, body, mallory.keyId(), mallory.privateKey(),
                Instant.now().plus(Duration.ofHours(2)), Scheme.CAVAGE));
        expected.put("future-date", 401);

        body = bytes(forgedNote(mallory, "stale-rfc9421"));
        cases.put("stale-rfc9421", FakePeer.post(aliceInbox, body, mallory.keyId(), mallory.privateKey(),
                Instant.now().minus(Duration.ofHours(2)), Scheme.RFC9421));
        expected.put("stale-rfc9421", 401);

        // signed for the shared inbox, sent to alice's: (request-target) does not match
        body = bytes(forgedNote(mallory, "other-target"));
        signed = FakePeer.post(sharedInbox, body, mallory.keyId(), mallory.privateKey(), Instant.now(), Scheme.CAVAGE);
        cases.put("other-target", new Signed("POST", URI.create(aliceInbox), signed.headers(), body));
        expected.put("other-target", 401);

        // a valid signature by eve on an activity whose actor is mallory
        body = bytes(forgedNote(mallory, "eve-speaks-for-mallory"));
        cases.put("eve-speaks-for-mallory", FakePeer.post(aliceInbox, body, eve.keyId(), eve.privateKey(),
                Instant.now(), Scheme.CAVAGE));
        expected.put("eve-speaks-for-mallory", 403);
        body = bytes(forgedNote(mallory, "eve-speaks-for-mallory-9421"));
        cases.put("eve-speaks-for-mallory-9421", FakePeer.post(sharedInbox, body, eve.keyId(), eve.privateKey(),
                Instant.now(), Scheme.RFC9421));
        expected.put("eve-speaks-for-mallory-9421", 403);

        for (var c : cases.entrySet()) {
            Http.Reply r = send(c.getValue());
            assertThat(r.status()).as("%s: %s", c.getKey(), r.body()).isEqualTo(expected.get(c.getKey()));
            assertThat(r.json().get("error").asText()).as(c.getKey()).isNotBlank();
            assertThat(state()).as("nothing changed after %s", c.getKey()).isEqualTo(before);
        }
        // a genuine post sent last: once it is applied, anything accepted before it would be too
        String sentinel = sentinelNote();
        State after = state();
        assertThat(after.publicTimeline()).containsExactlyElementsOf(
                concat(List.of(sentinel), before.publicTimeline()));
        assertThat(after.followers()).isEqualTo(before.followers());
        assertThat(after.notifications()).isEqualTo(before.notifications());
        assertThat(after.favourites()).isEqualTo(before.favourites());
        JsonNode timeline = alice.ok(alice.get("/api/v1/timelines/public?limit=40"));
        assertThat(timeline.findValuesAsText("content")).noneMatch(t -> t.contains("forged"));
    }

    @Test
    @Order(4)
    void malformedOrOversizedBodiesAreRefused() {
        State before = state();
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("malformed JSON", "{\"type\":\"Create\",\"actor\":".getBytes(StandardCharsets.UTF_8));
        bad.put("a JSON array", bytes("[" + forgedNote(mallory, "array") + "]"));
        bad.put("a JSON string", bytes("\"Create\""));
        bad.put("no actor", bytes("{\"type\":\"Follow\",\"id\":\"" + remote.base() + "/x\",\"object\":\"" + aliceUri + "\"}"));
        bad.put("actor not a URL", bytes(follow(mallory, aliceUri).replace(mallory.id(), "mallory")));
        bad.put("actor not http", bytes(follow(mallory, aliceUri).replace(mallory.id(), "mailto:mallory@example.com")));
        for (var b : bad.entrySet()) {
            for (String inbox : List.of(aliceInbox, sharedInbox)) {
                Http.Reply r = send(FakePeer.post(inbox, b.getValue(), mallory.keyId(), mallory.privateKey(),
                        Instant.now(), Scheme.CAVAGE));
                assertThat(r.status()).as("%s to %s: %s", b.getKey(), inbox, r.body()).isEqualTo(400);
            }
        }
        // over 1 MiB, correctly signed: refused before it is parsed
        String padding = "x".repeat((1 << 20) + 16);
        byte[] huge = bytes(forgedNote(mallory, "huge " + padding));
        for (String inbox : List.of(aliceInbox, sharedInbox)) {
            // a client of its own, asking first (Expect: 100-continue): a server that refuses a body
            // unread may close the connection while a client is still sending it, and the client
            // then sees a reset instead of the 413
            Http.Reply r = new Http(herd.publicUrl).send(FakePeer.post(inbox, huge, mallory.keyId(), mallory.privateKey(),
                    Instant.now(), Scheme.CAVAGE).builder().expectContinue(true));
            statuses.add(r.status());
            assertThat(r.status()).as("oversize to %s: %s", inbox, r.body()).isEqualTo(413);
        }
        // an empty POST, signed or not
        Http.Reply empty = send(FakePeer.unsignedPost(aliceInbox, new byte[0]));
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        // a POST to the inbox of nobody
        Http.Reply nobody = send(FakePeer.post(herd.publicUrl + "/users/nobody/inbox", follow(mallory, aliceUri), mallory));
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aBlockedDomainIsRefusedBeforeItsKeyIsFetched() {
        State before = state();
        for (String inbox : List.of(aliceInbox, sharedInbox)) {
            Http.Reply r = send(FakePeer.post(inbox, follow(trent, aliceUri), trent));
            assertThat(r.status()).as("%s: %s", inbox, r.body()).isEqualTo(403);
        }
        // signed by a non-blocked actor of the same server, but in the name of the blocked one: still 403
        Http.Reply r = send(FakePeer.post(aliceInbox, follow(trent, aliceUri), mallory));
        assertThat(r.status()).isEqualTo(403);
        assertThat(remote.requestsFor("/users/trent")).as("no request to a suspended domain").isEmpty();
        assertThat(state()).isEqualTo(before);
        // and the block is what refused it: the same actor document under the unblocked name is accepted
        Actor trentUnblocked = remote.publish(new Actor("trent", remote.host(), trent.keys()));
        assertThat(send(FakePeer.post(aliceInbox, like(trentUnblocked, herd.publicUrl + "/users/alice/statuses/1"),
                trentUnblocked)).status()).isEqualTo(202);
    }

    @Test
    @Order(6)
    void activitiesAboutUnknownObjectsAreAcceptedButChangeNothing() {
        State before = state();
        String malloryOnHerd = alice.lookup(mallory.acct());
        List<String> activities = new ArrayList<>();
        String missingLocal = herd.publicUrl + "/users/alice/statuses/999999999999";
        activities.add(like(mallory, missingLocal));
        activities.add(like(mallory, remote.base() + "/notes/missing"));
        activities.add(activity(mallory, "Announce", remote.base() + "/notes/missing", true));
        activities.add(activity(mallory, "Delete", remote.base() + "/notes/never-seen", true));
        activities.add(activity(mallory, "Delete", aliceStatusUri, true));  // not mallory's to delete
        activities.add(activity(mallory, "Update", note(mallory, remote.base() + "/notes/never-seen-2",
                mallory.id(), "an edit of nothing", false), false));
        activities.add(activity(mallory, "Undo", like(mallory, missingLocal), false));
        activities.add(activity(mallory, "Undo", remote.base() + "/activities/never-sent", true));
        activities.add(activity(mallory, "Accept", remote.base() + "/activities/a-follow-alice-never-sent", true));
        activities.add(activity(mallory, "Reject", remote.base() + "/activities/another-unknown-follow", true));
        // a Note attributed to eve, delivered (and signed) by mallory: not hers to create
        activities.add(activity(mallory, "Create", note(mallory, remote.base() + "/notes/planted",
                eve.id(), "forged planted note", true), false));
        // a Note whose id lives on another server than its author's
        activities.add(activity(mallory, "Create", note(mallory, "http://localhost:" + remote.port + "/notes/elsewhere",
                mallory.id(), "forged note elsewhere", true), false));
        // a Create whose object is only a link that does not resolve
        activities.add(activity(mallory, "Create", remote.base() + "/notes/missing-too", true));
        activities.add(activity(mallory, "TotallyMadeUp", aliceStatusUri, true));
        // a Like whose object is the wrong shape
        activities.add(activity(mallory, "Like", "{\"nested\":[1,2,3]}", false));
        for (String a : activities) {
            for (String inbox : List.of(aliceInbox, sharedInbox)) {
                Http.Reply r = send(FakePeer.post(inbox, a.replace("\"id\":\"" + remote.base() + "/activities/",
                        "\"id\":\"" + remote.base() + "/activities/" + (inbox.equals(sharedInbox) ? "s" : "p")), mallory));
                assertThat(r.status()).as("%s to %s: %s", a, inbox, r.body()).isEqualTo(202);
            }
        }
        // a genuine Like sent last: once applied, everything before it has been processed (or skipped)
        assertThat(send(FakePeer.post(aliceInbox, like(mallory, aliceStatusUri), mallory)).status()).isEqualTo(202);
        alice.await("/api/v1/statuses/" + aliceStatusId, s -> s.get("favourites_count").asInt() == before.favourites() + 1);
        alice.await("/api/v1/notifications", n -> top(n, "type").stream().filter("favourite"::equals).count() == 2);
        Http.sleep(1500);
        State after = state();
        assertThat(after.followers()).isEqualTo(before.followers());
        assertThat(after.publicTimeline()).isEqualTo(before.publicTimeline());
        assertThat(after.favourites()).isEqualTo(before.favourites() + 1);
        assertThat(after.notifications()).hasSize(before.notifications().size() + 1).containsAll(before.notifications());
        assertThat(alice.ok(alice.get("/api/v1/statuses/" + aliceStatusId)).get("content").asText()).contains("alice says hello");
        JsonNode rel = alice.ok(alice.get("/api/v1/accounts/relationships?id[]=" + malloryOnHerd)).get(0);
        assertThat(rel.get("following").asBoolean()).as("an unsolicited Accept makes no follow").isFalse();
        assertThat(rel.get("followed_by").asBoolean()).isTrue();
        assertThat(alice.ok(alice.get("/api/v1/accounts/" + malloryOnHerd + "/statuses")).findValuesAsText("content"))
                .noneMatch(t -> t.contains("forged") || t.contains("an edit of nothing"));
        assertThat(alice.ok(alice.get("/api/v1/accounts/" + lookupOrNull(eve.acct()) + "/statuses")).findValuesAsText("content"))
                .noneMatch(t -> t.contains("forged"));
    }

    @Test
    @Order(7)
    void noRequestEndedInAServerError() {
        assertThat(statuses).isNotEmpty().doesNotContain(500, 502, 503, -1);
        assertThat(herd.serverErrors()).isEmpty();
        // a failed ingress job is retried: nothing here may have made one fail
        assertThat(herd.jobWarnings()).isEmpty();
    }

    // ---- state users can see ----------------------------------------------------------------

    /** Followers of alice, her notifications, the public timeline (all of it), favourites of her post. */
    record State(List<String> followers, List<String> notifications, List<String> publicTimeline, int favourites) {}

    static State state() {
        return new State(
                top(alice.ok(alice.get("/api/v1/accounts/" + alice.id + "/followers?limit=80")), "acct"),
                top(alice.ok(alice.get("/api/v1/notifications?limit=80")), "id"),
                top(alice.ok(alice.get("/api/v1/timelines/public?limit=40")), "uri"),
                alice.ok(alice.get("/api/v1/statuses/" + aliceStatusId)).get("favourites_count").asInt());
    }

    /** The {@code field} of each element of a JSON array (not of nested objects). */
    static List<String> top(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : array) out.add(s.get(field).asText());
        return out;
    }

    static String lookupOrNull(String acct) {
        Http.Reply r = alice.get("/api/v1/accounts/lookup?acct=" + Peer.enc(acct));
        return r.status() == 200 ? r.json().get("id").asText() : "0";
    }

    /** Posts a genuine public note as mallory and waits until it is in the public timeline; returns its uri. */
    static String sentinelNote() {
        String id = remote.base() + "/notes/" + UUID.randomUUID();
        String create = activity(mallory, "Create", note(mallory, id, mallory.id(), "a genuine sentinel", false), false);
        assertThat(send(FakePeer.post(aliceInbox, create, mallory)).status()).isEqualTo(202);
        alice.await("/api/v1/timelines/public?remote=true", t -> top(t, "uri").contains(id));
        Http.sleep(1500);  // anything accepted alongside it would have landed by now too
        return id;
    }

    void awaitDelivery(String path, String type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (remote.requestsFor(path).stream().anyMatch(r -> r.method().equals("POST") && r.body().contains("\"" + type + "\""))) {
                return;
            }
            Http.sleep(200);
        }
        throw new AssertionError("no " + type + " delivered to " + path + "; received " + remote.received);
    }

    static Http.Reply send(Signed s) {
        Http.Reply r = herd.http.send(s.builder());
        statuses.add(r.status());
        return r;
    }

    // ---- activities -------------------------------------------------------------------------

    static String follow(Actor actor, String object) {
        return activity(actor, "Follow", object, true);
    }

    static String like(Actor actor, String object) {
        return activity(actor, "Like", object, true);
    }

    /** An activity; {@code object} is a URI when {@code isUri}, else raw JSON. */
    static String activity(Actor actor, String type, String object, boolean isUri) {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + "http://" + actor.host()
                + "/activities/" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"actor\":\"" + actor.id()
                + "\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"],\"object\":"
                + (isUri ? "\"" + object + "\"" : object) + "}";
    }

    /** A public Note; with {@code mentionAlice} it also mentions (and notifies) alice. */
    static String note(Actor sender, String id, String attributedTo, String text, boolean mentionAlice) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("type", "Note");
        n.put("attributedTo", attributedTo);
        n.put("content", "<p>" + text + "</p>");
        n.put("published", Instant.now().toString());
        n.put("to", List.of("https://www.w3.org/ns/activitystreams#Public"));
        n.put("cc", mentionAlice ? List.of(sender.id() + "/followers", aliceUri) : List.of(sender.id() + "/followers"));
        if (mentionAlice) n.put("tag", List.of(Map.of("type", "Mention", "href", aliceUri, "name", "@alice@" + herd.domain())));
        return FakePeer.json(n);
    }

    /** A Create of a public note by {@code actor} mentioning alice: what every forged request carries. */
    static String forgedNote(Actor actor, String label) {
        return activity(actor, "Create", note(actor, "http://" + actor.host() + "/notes/" + UUID.randomUUID(), actor.id(),
                "forged " + label, true), false);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] b) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
