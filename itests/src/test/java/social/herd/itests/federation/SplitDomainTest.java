package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;

/**
 * Handles on one domain, Herd on another: WebFinger answers for both with the subject on the
 * handle domain and the actor id as self link, and readiness tells the admin that the handle
 * domain does not lead here yet (example.invalid cannot).
 */
class SplitDomainTest {

    static Peer herd;
    static Peer.User alice;

    @BeforeAll
    static void start() {
        herd = Peer.start("localhost", "HERD_LOCAL_DOMAIN", "example.invalid");
        alice = herd.user("alice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
    }

    @Test
    void webFingerAnswersForBothDomainsWithTheHandleDomainAsSubject() {
        String actor = herd.publicUrl + "/users/alice";
        for (String resource : new String[] {"acct:alice@example.invalid", "acct:alice@" + herd.domain(), actor}) {
            Http.Reply r = herd.http.get("/.well-known/webfinger?resource=" + Peer.enc(resource));
            assertThat(r.status()).as(resource).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/jrd+json");
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
            JsonNode jrd = r.json();
            assertThat(jrd.get("subject").asText()).isEqualTo("acct:alice@example.invalid");
            String self = null;
            for (JsonNode l : jrd.get("links")) if (l.get("rel").asText().equals("self")) self = l.get("href").asText();
            assertThat(self).isEqualTo(actor);
        }
        assertThat(herd.http.get("/.well-known/webfinger?resource=" + Peer.enc("acct:alice@elsewhere.example")).status())
                .isEqualTo(404);
        assertThat(herd.http.get("/.well-known/webfinger").status()).isEqualTo(400);
        JsonNode person = herd.http.get("/users/alice", "Accept", "application/activity+json").json();
        assertThat(person.get("id").asText()).isEqualTo(actor);
        assertThat(person.at("/publicKey/id").asText()).isEqualTo(actor + "#main-key");
        assertThat(person.at("/endpoints/sharedInbox").asText()).isEqualTo(herd.publicUrl + "/inbox");
        assertThat(alice.ok(alice.get("/api/v1/accounts/verify_credentials")).get("acct").asText()).isEqualTo("alice");
    }

    @Test
    void readinessSaysTheHandleDomainDoesNotLeadHere() {
        Http.Reply ready = herd.http.await("/health/ready", Duration.ofSeconds(30),
                r -> r.body().contains("\"webfinger\"") && r.body().contains("could not be reached"));
        assertThat(ready.status()).as("the server itself works: degraded, not down").isEqualTo(200);
        assertThat(ready.body()).contains("example.invalid/.well-known/webfinger");
        // exit code 1 is how a deployment script learns of it
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> herd.server.command("federation", "check"))
                .hasMessageContaining("exited 1");
    }
}
