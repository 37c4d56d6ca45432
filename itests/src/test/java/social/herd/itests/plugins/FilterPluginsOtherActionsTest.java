package social.herd.itests.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * The verdicts {@link FilterPluginsTest} does not reach with its configuration: mention-flood and
 * link-spam set to the other action (hold, reject), and domain-policy marking media sensitive,
 * through the same real posting and inbox paths.
 */
class FilterPluginsOtherActionsTest {

    static FakePeer remote;
    static FakePeer.Actor lewd;
    static Peer herd;
    static String db;
    static Peer.User alice, bob, carol, dan, erin, mod;

    @BeforeAll
    static void start() throws Exception {
        remote = FakePeer.start();
        lewd = remote.actor("lewd");
        db = TestPostgres.freshDatabase();
        herd = Peer.prepare("127.0.0.1", home -> {
            Path deploy = home.resolve("deploy");
            for (String p : List.of("mention-flood", "domain-policy", "link-spam")) {
                Files.copy(Path.of(System.getProperty("herd.plugin." + p)), deploy.resolve(p + ".jar"));
            }
            Files.writeString(deploy.resolve("social.herd.filter.mention_flood.config"), "max_mentions=I\"2\"\naction=\"hold\"\n");
            Files.writeString(deploy.resolve("social.herd.filter.domain_policy.config"), "media_nsfw=[\"127.0.0.1\"]\n");
            Files.writeString(deploy.resolve("social.herd.filter.link_spam.config"), "action=\"reject\"\n");
        }, "HERD_DB_URL", db, "HERD_DB_USER", "postgres");
        alice = herd.user("alice");
        bob = herd.user("bob");
        carol = herd.user("carol");
        dan = herd.user("dan");
        erin = herd.user("erin");
        mod = herd.user("mod", "admin");
        carol.followAndAwait(bob.id);
        dan.followAndAwait(bob.id);
        erin.followAndAwait(bob.id);
        // link-spam (reject) acts once the plugins are up: alice is new and nobody follows her
        FilterPluginsTest.awaitStatus(alice, "see https://shop.example.com/probe", 422);
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (remote != null) remote.close();
    }

    @Test
    void linkSpamSetToRejectRefusesANewcomersLink() {
        Http.Reply r = alice.post("/api/v1/statuses", "status=" + Peer.enc("deals at https://shop.example.com/x"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("error").asText()).isEqualTo("New account posting links");
    }

    @Test
    void mentionFloodSetToHoldKeepsThePostForReview() {
        // bob's mentioned accounts all follow him: only the mention count matters here
        String id = bob.status("@carol @dan @erin hello", "public").get("id").asText();
        assertThat(carol.get("/api/v1/statuses/" + id).status()).isEqualTo(404);
        List<String> held = new java.util.ArrayList<>();
        mod.ok(mod.get("/api/v1/admin/held_statuses")).forEach(s -> held.add(s.get("id").asText()));
        assertThat(held).contains(id);
    }

    @Test
    void domainPolicyMarksIncomingMediaSensitive() throws Exception {
        String uri = FilterPluginsTestSupport.deliverNote(herd, lewd, "<p>a picture</p>", List.of(alice),
                "http://" + lewd.host() + "/media/2.png");
        Map<String, String> row = FilterPluginsTestSupport.awaitStored(db, uri);
        assertThat(row.get("sensitive")).isEqualTo("t");
    }
}
