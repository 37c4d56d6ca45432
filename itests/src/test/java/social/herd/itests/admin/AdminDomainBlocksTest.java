package social.herd.itests.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * Domain blocks and allows through Mastodon's admin API and the {@code herd domains} command, with
 * their effect on a real (fake) remote server's deliveries, the public list as the setting says,
 * and who may do what.
 */
class AdminDomainBlocksTest {

    static FakePeer remote;
    static FakePeer.Actor sender;
    static Peer herd;
    static String db;
    static Peer.User admin, moderator, user;

    @BeforeAll
    static void start() {
        remote = FakePeer.start();
        sender = remote.actor("sender");
        db = TestPostgres.freshDatabase();
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", db, "HERD_DB_USER", "postgres");
        admin = herd.user("root", "admin");
        moderator = herd.user("mo", "moderator");
        user = herd.user("alice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (remote != null) remote.close();
    }

    @Test
    void aSuspensionRefusesTheDomainAndLiftingItLetsItBackIn() throws Exception {
        assertThat(deliverLike()).isEqualTo(202);
        JsonNode block = admin.ok(admin.post("/api/v1/admin/domain_blocks", "domain=" + Peer.enc(remote.host().toUpperCase())
                + "&severity=suspend&reject_reports=true&public_comment=Spam+source&private_comment=see+ticket+12"));
        String id = block.get("id").asText();
        assertThat(block.get("domain").asText()).isEqualTo(remote.host());
        assertThat(block.get("severity").asText()).isEqualTo("suspend");
        assertThat(block.get("reject_reports").asBoolean()).isTrue();
        assertThat(block.get("digest").asText()).hasSize(64);
        assertThat(deliverLike()).as("suspended: its deliveries are refused").isEqualTo(403);

        Http.Reply again = admin.post("/api/v1/admin/domain_blocks", "domain=" + Peer.enc(remote.host()));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("error").asText()).isEqualTo("Validation failed: Domain has already been taken");
        assertThat(admin.post("/api/v1/admin/domain_blocks", "domain=not+a+domain!").status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/admin/domain_blocks", "domain=x.example&severity=banish").status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/admin/domain_blocks", "").status()).isEqualTo(422);

        List<String> listed = ids(admin.ok(admin.get("/api/v1/admin/domain_blocks")));
        assertThat(listed).contains(id);
        assertThat(admin.ok(admin.get("/api/v1/admin/domain_blocks/" + id)).get("private_comment").asText()).isEqualTo("see ticket 12");

        JsonNode shown = user.ok(user.get("/api/v1/instance/domain_blocks"));
        assertThat(shown.get(0).get("domain").asText()).isEqualTo(remote.host());
        assertThat(shown.get(0).get("comment").asText()).isEqualTo("Spam source");
        assertThat(shown.toString()).doesNotContain("ticket 12");
        assertThat(herd.http.get("/api/v1/instance/domain_blocks").status()).as("signed-in users only, by default").isEqualTo(404);

        JsonNode changed = admin.ok(admin.send("PUT", "/api/v1/admin/domain_blocks/" + id, "severity=noop&obfuscate=true"));
        assertThat(changed.get("severity").asText()).isEqualTo("noop");
        assertThat(changed.get("reject_reports").asBoolean()).as("unchanged fields stay").isTrue();
        assertThat(deliverLike()).isEqualTo(202);
        assertThat(user.ok(user.get("/api/v1/instance/domain_blocks")).get(0).get("domain").asText()).contains("*");

        assertThat(admin.send("DELETE", "/api/v1/admin/domain_blocks/" + id, "").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/admin/domain_blocks/" + id).status()).isEqualTo(404);
        assertThat(deliverLike()).isEqualTo(202);
        assertThat(herd.serverErrors()).isEmpty();
    }

    @Test
    void aSilencedDomainsPublicPostsStayOffThePublicTimelines() throws Exception {
        FakePeer.Actor quiet = remote.actor("quiet", "localhost:" + remote.port);
        String id = admin.ok(admin.post("/api/v1/admin/domain_blocks", "domain=localhost:" + remote.port + "&severity=silence"))
                .get("id").asText();
        try {
            String note = "http://" + quiet.host() + "/notes/" + UUID.randomUUID();
            herd.deliver(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", note + "/activity", "type", "Create",
                    "actor", quiet.id(), "to", List.of("https://www.w3.org/ns/activitystreams#Public"),
                    "object", Map.of("id", note, "type", "Note", "attributedTo", quiet.id(), "content", "<p>hello @alice</p>",
                            "published", Instant.now().toString(), "to", List.of("https://www.w3.org/ns/activitystreams#Public"),
                            "cc", List.of(herd.publicUrl + "/users/alice"),
                            "tag", List.of(Map.of("type", "Mention", "href", herd.publicUrl + "/users/alice")))), quiet);
            long deadline = System.currentTimeMillis() + 30_000;
            String visibility = null;
            while (visibility == null && System.currentTimeMillis() < deadline) {
                visibility = visibility(note);
                Http.sleep(200);
            }
            assertThat(visibility).isEqualTo("unlisted");
        } finally {
            admin.send("DELETE", "/api/v1/admin/domain_blocks/" + id, "");
        }
    }

    @Test
    void theCommandLineBlocksListsAndUnblocks() {
        assertThat(herd.server.command("domains", "block", "spam.example", "--severity", "suspend", "--reject-media",
                "--public-comment", "Spam")).contains("blocked spam.example (suspend)");
        assertThat(herd.server.command("domains", "list")).contains("spam.example").contains("suspend").contains("reject-media");
        assertThat(ids(admin.ok(admin.get("/api/v1/admin/domain_blocks"))).size()).isPositive();
        assertThat(herd.server.command("domains", "unblock", "spam.example")).contains("unblocked spam.example");
        assertThat(herd.server.command("domains", "list")).doesNotContain("spam.example");
    }

    @Test
    void allowsAreListedAndRemovable() {
        JsonNode allow = admin.ok(admin.post("/api/v1/admin/domain_allows", "domain=friends.example"));
        String id = allow.get("id").asText();
        assertThat(ids(admin.ok(admin.get("/api/v1/admin/domain_allows")))).contains(id);
        assertThat(admin.ok(admin.get("/api/v1/admin/domain_allows/" + id)).get("domain").asText()).isEqualTo("friends.example");
        assertThat(admin.send("DELETE", "/api/v1/admin/domain_allows/" + id, "").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/admin/domain_allows/" + id).status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsManageFederation() {
        String[][] endpoints = {{"GET", "/api/v1/admin/domain_blocks"}, {"GET", "/api/v1/admin/domain_blocks/1"},
                {"POST", "/api/v1/admin/domain_blocks"}, {"PUT", "/api/v1/admin/domain_blocks/1"},
                {"DELETE", "/api/v1/admin/domain_blocks/1"}, {"GET", "/api/v1/admin/domain_allows"},
                {"GET", "/api/v1/admin/domain_allows/1"}, {"POST", "/api/v1/admin/domain_allows"},
                {"DELETE", "/api/v1/admin/domain_allows/1"}};
        for (String[] e : endpoints) {
            assertThat(moderator.send(e[0], e[1], "domain=x.example").status()).as("moderator " + e[1]).isEqualTo(403);
            assertThat(user.send(e[0], e[1], "domain=x.example").status()).as("user " + e[1]).isEqualTo(403);
            assertThat(new Peer.User(herd, "anonymous", "").send(e[0], e[1], "domain=x.example").status())
                    .as("no token " + e[1]).isEqualTo(401);
        }
    }

    /** Signs and posts a Like from the remote actor to the shared inbox; the inbox's answer. */
    static int deliverLike() {
        String activity = FakePeer.json(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", sender.id() + "#likes/" + UUID.randomUUID(), "type", "Like", "actor", sender.id(),
                "object", herd.publicUrl + "/users/alice/statuses/1"));
        return herd.http.send(FakePeer.post(herd.publicUrl + "/inbox", activity, sender).builder()).status();
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    static String visibility(String uri) throws Exception {
        try (Connection c = DriverManager.getConnection(db, "postgres", "");
             PreparedStatement ps = c.prepareStatement("SELECT visibility FROM statuses WHERE uri = ?")) {
            ps.setString(1, uri);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
