package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/**
 * Authorized-fetch mode (HERD_AUTHORIZED_FETCH=true, Mastodon's secure mode), seen by a fake remote
 * server: objects and collections need a signed GET, the actor document does not, and a
 * followers-only post is shown only to a signed fetcher who follows its author.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizedFetchTest {

    static FakePeer remote;
    static Actor mallory;  // becomes a follower of alice
    static Actor eve;      // never follows
    static Peer herd;
    static Peer.User alice;
    static String aliceUri;
    static String publicPost;
    static String privatePost;

    @BeforeAll
    static void start() {
        remote = FakePeer.start();
        mallory = remote.actor("mallory");
        eve = remote.actor("eve");
        herd = Peer.start("127.0.0.1", "HERD_AUTHORIZED_FETCH", "true");
        alice = herd.user("alice");
        aliceUri = herd.publicUrl + "/users/alice";
        publicPost = alice.status("a public post", "public").get("uri").asText();
        privatePost = alice.status("for followers only", "private").get("uri").asText();
        assertThat(publicPost).startsWith(aliceUri + "/statuses/");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (remote != null) remote.close();
    }

    @Test
    @Order(1)
    void theActorDocumentStaysReadableUnsigned() {
        Http.Reply actor = unsigned(aliceUri);
        assertThat(actor.status()).as(actor.body()).isEqualTo(200);
        assertThat(actor.json().get("id").asText()).isEqualTo(aliceUri);
        assertThat(actor.json().at("/publicKey/publicKeyPem").asText()).contains("BEGIN PUBLIC KEY");
    }

    @Test
    @Order(2)
    void unsignedFetchesOfObjectsAndCollectionsAreRefused() {
        for (String url : List.of(publicPost, publicPost + "/activity", publicPost + "/replies", aliceUri + "/outbox",
                aliceUri + "/outbox?page=true", aliceUri + "/followers", aliceUri + "/following",
                aliceUri + "/collections/featured", privatePost)) {
            Http.Reply r = unsigned(url);
            assertThat(r.status()).as("%s: %s", url, r.body()).isEqualTo(401);
        }
    }

    @Test
    @Order(3)
    void aSignedFetchOfAPublicPostIsAnswered() {
        Http.Reply r = signed(FakePeer.get(publicPost, mallory.keyId(), mallory.privateKey()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(publicPost);
        assertThat(r.json().get("content").asText()).contains("a public post");
        // RFC 9421 signs GETs as well
        Signed rfc = FakePeer.sign("GET", publicPost, null, eve.keyId(), eve.privateKey(), Instant.now(), Scheme.RFC9421)
                .withHeader("Accept", "application/activity+json");
        Http.Reply r9421 = signed(rfc);
        assertThat(r9421.status()).as(r9421.body()).isEqualTo(200);
        // collections too
        assertThat(signed(FakePeer.get(aliceUri + "/outbox", eve.keyId(), eve.privateKey())).status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aSignatureThatDoesNotVerifyIsRefused() {
        Http.Reply wrongKey = signed(FakePeer.get(publicPost, mallory.keyId(), eve.privateKey()));
        assertThat(wrongKey.status()).as(wrongKey.body()).isEqualTo(401);
        Http.Reply stale = signed(FakePeer.sign("GET", publicPost, null, mallory.keyId(), mallory.privateKey(),
                Instant.now().minus(Duration.ofHours(2)), Scheme.CAVAGE).withHeader("Accept", "application/activity+json"));
        assertThat(stale.status()).as(stale.body()).isEqualTo(401);
        Http.Reply unknownActor = signed(FakePeer.get(publicPost, remote.base() + "/users/nobody#main-key", mallory.privateKey()));
        assertThat(unknownActor.status()).as(unknownActor.body()).isEqualTo(401);
        // signed for another URL
        Signed other = FakePeer.get(aliceUri + "/outbox", mallory.keyId(), mallory.privateKey());
        Http.Reply moved = signed(new Signed("GET", URI.create(publicPost), other.headers(), null));
        assertThat(moved.status()).as(moved.body()).isEqualTo(401);
        Http.Reply scheme = herd.http.send(HttpRequest.newBuilder(URI.create(publicPost))
                .header("Accept", "application/activity+json").header("Authorization", "Foo bar").GET());
        assertThat(scheme.status()).as(scheme.body()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void aFollowersOnlyPostIsShownToASignedFollowerOnly() {
        Http.Reply before = signed(FakePeer.get(privatePost, mallory.keyId(), mallory.privateKey()));
        assertThat(before.status()).as("mallory does not follow alice yet: %s", before.body()).isEqualTo(404);

        String follow = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + remote.base()
                + "/activities/follow-1\",\"type\":\"Follow\",\"actor\":\"" + mallory.id() + "\",\"object\":\"" + aliceUri + "\"}";
        Http.Reply accepted = signed(FakePeer.post(aliceUri + "/inbox", follow, mallory));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        alice.await("/api/v1/accounts/" + alice.id + "/followers", f -> f.findValuesAsText("acct").contains(mallory.acct()));

        Http.Reply follower = signed(FakePeer.get(privatePost, mallory.keyId(), mallory.privateKey()));
        assertThat(follower.status()).as(follower.body()).isEqualTo(200);
        assertThat(follower.json().get("content").asText()).contains("for followers only");
        JsonNode to = follower.json().get("to");
        assertThat(to.toString()).doesNotContain("#Public");

        Http.Reply stranger = signed(FakePeer.get(privatePost, eve.keyId(), eve.privateKey()));
        assertThat(stranger.status()).as("eve, signed but no follower: %s", stranger.body()).isEqualTo(404);
        assertThat(stranger.body()).doesNotContain("for followers only");
        assertThat(unsigned(privatePost).status()).isEqualTo(401);
        // the public post stays visible to the stranger
        assertThat(signed(FakePeer.get(publicPost, eve.keyId(), eve.privateKey())).status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void noRequestEndedInAServerError() {
        assertThat(herd.serverErrors()).isEmpty();
    }

    static Http.Reply unsigned(String url) {
        return herd.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/activity+json").GET());
    }

    static Http.Reply signed(Signed s) {
        Http.Reply r = herd.http.send(s.builder());
        assertThat(r.status()).as(r.body()).isNotIn(500, 502, 503, -1);
        return r;
    }
}
