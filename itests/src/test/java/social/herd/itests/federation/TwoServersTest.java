package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import social.herd.itests.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Herd servers on loopback with different domains ({@code localhost:A} and {@code 127.0.0.1:B})
 * federate: every interaction is made through the Mastodon API on one side and observed through
 * the Mastodon API on the other, with real WebFinger, signed deliveries and signed fetches.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServersTest {

    static Peer a;
    static Peer b;
    static Peer.User alice;  // on A
    static Peer.User dave;   // on A, follows nobody
    static Peer.User bob;    // on B, unlocked
    static Peer.User carol;  // on B, locked
    static String bobOnA;
    static String aliceOnB;

    @BeforeAll
    static void start() {
        a = Peer.start("localhost");
        b = Peer.start("127.0.0.1");
        alice = a.user("alice");
        dave = a.user("dave");
        bob = b.user("bob");
        carol = b.user("carol");
        carol.ok(carol.send("PATCH", "/api/v1/accounts/update_credentials", "locked=true"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    @Order(1)
    void webFingerAndLookupFindTheRemoteAccount() {
        bobOnA = alice.lookup(bob.handle());
        JsonNode account = alice.ok(alice.get("/api/v1/accounts/" + bobOnA));
        assertThat(account.get("acct").asText()).isEqualTo(bob.handle());
        assertThat(account.get("uri").asText()).isEqualTo(b.publicUrl + "/users/bob");
    }

    @Test
    @Order(2)
    void followOfAnUnlockedAccountIsAccepted() {
        JsonNode rel = alice.ok(alice.post("/api/v1/accounts/" + bobOnA + "/follow", ""));
        assertThat(rel.get("requested").asBoolean() || rel.get("following").asBoolean()).isTrue();
        alice.await("/api/v1/accounts/relationships?id[]=" + bobOnA, r -> r.get(0).get("following").asBoolean());
        JsonNode followers = bob.await("/api/v1/accounts/" + bob.id + "/followers",
                f -> f.size() == 1 && f.get(0).get("acct").asText().equals(alice.handle()));
        aliceOnB = followers.get(0).get("id").asText();
    }

    @Test
    @Order(3)
    void followOfALockedAccountWaitsForTheUser() {
        String carolOnA = alice.lookup(carol.handle());
        JsonNode rel = alice.ok(alice.post("/api/v1/accounts/" + carolOnA + "/follow", ""));
        assertThat(rel.get("requested").asBoolean()).isTrue();
        JsonNode requests = carol.await("/api/v1/follow_requests", r -> r.size() == 1);
        assertThat(requests.get(0).get("acct").asText()).isEqualTo(alice.handle());
        assertThat(alice.ok(alice.get("/api/v1/accounts/relationships?id[]=" + carolOnA)).get(0).get("following").asBoolean())
                .as("still pending before carol decides").isFalse();
        carol.ok(carol.post("/api/v1/follow_requests/" + requests.get(0).get("id").asText() + "/authorize", ""));
        alice.await("/api/v1/accounts/relationships?id[]=" + carolOnA, r -> r.get(0).get("following").asBoolean());
    }

    @Test
    @Order(4)
    void postsArriveWithTheirVisibility() {
        String pub = bob.status("public hello from bob", "public").get("uri").asText();
        String unl = bob.status("unlisted hello from bob", "unlisted").get("uri").asText();
        String priv = bob.status("followers-only hello from bob", "private").get("uri").asText();
        String dm = bob.status("@" + alice.handle() + " a direct word", "direct").get("uri").asText();
        JsonNode home = alice.await("/api/v1/timelines/home?limit=40", h -> h.size() >= 4);
        assertThat(home.findValuesAsText("uri")).contains(pub, unl, priv, dm);
        for (JsonNode s : home) {
            String expected = s.get("uri").asText().equals(pub) ? "public" : s.get("uri").asText().equals(unl) ? "unlisted"
                    : s.get("uri").asText().equals(priv) ? "private" : "direct";
            assertThat(s.get("visibility").asText()).as(s.get("content").asText()).isEqualTo(expected);
            assertThat(s.get("account").get("acct").asText()).isEqualTo(bob.handle());
        }
        // the private and direct posts stay hidden from a user of A who is neither follower nor mentioned
        for (JsonNode s : home) {
            String v = s.get("visibility").asText();
            int status = dave.get("/api/v1/statuses/" + s.get("id").asText()).status();
            assertThat(status).as(v).isEqualTo(v.equals("private") || v.equals("direct") ? 404 : 200);
        }
        JsonNode mention = alice.await("/api/v1/notifications?types[]=mention", n -> n.size() >= 1);
        assertThat(mention.get(0).get("status").get("uri").asText()).isEqualTo(dm);
        // public posts of B reach A's federated timeline
        assertThat(alice.ok(alice.get("/api/v1/timelines/public?remote=true")).findValuesAsText("uri")).contains(pub);
    }

    @Test
    @Order(5)
    void replyLikeAndBoostReachTheAuthor() {
        JsonNode bobPost = bob.status("something to reply to", "public");
        JsonNode onA = alice.await("/api/v1/timelines/home", h -> h.findValuesAsText("uri").contains(bobPost.get("uri").asText()));
        String idOnA = find(onA, bobPost.get("uri").asText()).get("id").asText();
        alice.ok(alice.post("/api/v1/statuses", "status=" + Peer.enc("@" + bob.handle() + " a reply from A")
                + "&in_reply_to_id=" + idOnA + "&visibility=public"));
        alice.ok(alice.post("/api/v1/statuses/" + idOnA + "/favourite", ""));
        alice.ok(alice.post("/api/v1/statuses/" + idOnA + "/reblog", ""));
        String idOnB = bobPost.get("id").asText();
        bob.await("/api/v1/statuses/" + idOnB, s -> s.get("favourites_count").asInt() == 1
                && s.get("reblogs_count").asInt() == 1 && s.get("replies_count").asInt() == 1);
        JsonNode context = bob.ok(bob.get("/api/v1/statuses/" + idOnB + "/context"));
        assertThat(context.get("descendants").get(0).get("account").get("acct").asText()).isEqualTo(alice.handle());
        JsonNode types = bob.await("/api/v1/notifications", n -> n.findValuesAsText("type").containsAll(
                java.util.List.of("favourite", "reblog", "mention", "follow")));
        assertThat(types.findValuesAsText("type")).contains("favourite", "reblog", "mention");
    }

    @Test
    @Order(6)
    void editsAndDeletesFollowThePost() {
        JsonNode post = bob.status("first version", "public");
        String uri = post.get("uri").asText();
        JsonNode home = alice.await("/api/v1/timelines/home", h -> h.findValuesAsText("uri").contains(uri));
        String idOnA = find(home, uri).get("id").asText();
        bob.ok(bob.send("PUT", "/api/v1/statuses/" + post.get("id").asText(), "status=" + Peer.enc("second version")));
        alice.await("/api/v1/statuses/" + idOnA, s -> s.get("content").asText().contains("second version")
                && !s.get("edited_at").isNull());
        bob.ok(bob.send("DELETE", "/api/v1/statuses/" + post.get("id").asText(), null));
        long deadline = System.currentTimeMillis() + 30_000;
        while (alice.get("/api/v1/statuses/" + idOnA).status() != 404 && System.currentTimeMillis() < deadline) {
            social.herd.itests.Http.sleep(200);
        }
        assertThat(alice.get("/api/v1/statuses/" + idOnA).status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void profileUpdatesReachFollowers() {
        String carolOnA = alice.lookup(carol.handle());
        carol.ok(carol.send("PATCH", "/api/v1/accounts/update_credentials", "display_name=" + Peer.enc("Carol of B")));
        alice.await("/api/v1/accounts/" + carolOnA, x -> x.get("display_name").asText().equals("Carol of B"));
    }

    @Test
    @Order(8)
    void aBlockEndsTheFollow() {
        bob.ok(bob.post("/api/v1/accounts/" + aliceOnB + "/block", ""));
        alice.await("/api/v1/accounts/relationships?id[]=" + bobOnA, r -> !r.get(0).get("following").asBoolean());
        assertThat(bob.ok(bob.get("/api/v1/accounts/" + bob.id + "/followers")).size()).isZero();
    }

    @Test
    @Order(9)
    void aMoveWithinAServerTakesFollowersOnBothServersAlong() {
        Peer.User erin = a.user("erin");
        Peer.User frank = a.user("frank");
        Peer.User gil = b.user("gil");
        String erinOnB = gil.lookup(erin.handle());
        gil.followAndAwait(erinOnB);
        dave.ok(dave.post("/api/v1/accounts/" + erin.id + "/follow", ""));

        // the new account names the old one first, or the move is refused
        Http.Reply refused = erin.post("/api/v1/accounts/move", "password=" + Peer.enc(erin.password)
                + "&moved_to_uri=" + Peer.enc(a.publicUrl + "/users/frank"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        JsonNode aliased = frank.ok(frank.post("/api/v1/accounts/alias", "also_known_as_uris[]=" + Peer.enc(erin.handle())));
        assertThat(aliased.at("/source/also_known_as_uris/0").asText()).isEqualTo(a.publicUrl + "/users/erin");
        Http.Reply moved = erin.post("/api/v1/accounts/move", "password=" + Peer.enc(erin.password)
                + "&moved_to_uri=" + Peer.enc(a.publicUrl + "/users/frank"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(202);

        // B: gil now follows frank (a Follow accepted by A), erin shows where she went
        String frankOnB = gil.lookup(frank.handle());
        gil.await("/api/v1/accounts/relationships?id[]=" + frankOnB, r -> r.get(0).get("following").asBoolean());
        assertThat(gil.ok(gil.get("/api/v1/accounts/relationships?id[]=" + erinOnB)).get(0).get("following").asBoolean())
                .isFalse();
        gil.await("/api/v1/accounts/" + erinOnB, x -> x.path("moved").path("acct").asText().equals(frank.handle()));
        // A: the local follower moved at once; frank's followers are both
        assertThat(dave.ok(dave.get("/api/v1/accounts/relationships?id[]=" + frank.id)).get(0).get("following").asBoolean())
                .isTrue();
        frank.await("/api/v1/accounts/" + frank.id + "/followers", f -> f.size() == 2);
    }

    @Test
    @Order(10)
    void aMoveToAnotherServerTakesFollowersOnBothServersAlong() {
        Peer.User ivy = a.user("ivy");
        Peer.User jon = b.user("jon");
        Peer.User kim = b.user("kim");
        String ivyOnB = kim.lookup(ivy.handle());
        kim.followAndAwait(ivyOnB);
        dave.ok(dave.post("/api/v1/accounts/" + ivy.id + "/follow", ""));

        jon.ok(jon.post("/api/v1/accounts/alias", "also_known_as_uris[]=" + Peer.enc("@" + ivy.handle())));
        Http.Reply moved = ivy.post("/api/v1/accounts/move", "password=" + Peer.enc(ivy.password)
                + "&moved_to_uri=" + Peer.enc(jon.handle()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(202);

        // B: the Move names B's own jon, who listed ivy: kim follows jon directly
        kim.await("/api/v1/accounts/relationships?id[]=" + jon.id, r -> r.get(0).get("following").asBoolean());
        kim.await("/api/v1/accounts/" + ivyOnB, x -> x.path("moved").path("acct").asText().equals(jon.username));
        // A: dave's follow of ivy became a follow of jon, accepted by B
        String jonOnA = dave.lookup(jon.handle());
        dave.await("/api/v1/accounts/relationships?id[]=" + jonOnA, r -> r.get(0).get("following").asBoolean());
        assertThat(dave.ok(dave.get("/api/v1/accounts/relationships?id[]=" + ivy.id)).get(0).get("following").asBoolean())
                .isFalse();
        assertThat(ivy.ok(ivy.get("/api/v1/accounts/" + ivy.id)).at("/moved/acct").asText()).isEqualTo(jon.handle());
    }

    static JsonNode find(JsonNode statuses, String uri) {
        for (JsonNode s : statuses) if (s.get("uri").asText().equals(uri)) return s;
        throw new AssertionError("no status " + uri + " in " + statuses);
    }
}
