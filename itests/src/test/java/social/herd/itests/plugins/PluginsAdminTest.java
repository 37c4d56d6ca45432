package social.herd.itests.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;

/**
 * Plugins installed, switched, configured and removed through {@code /api/v1/admin/plugins} on a
 * running server, the way an admin would, with the effect checked where users see it; jars that
 * are no plugin or need another SPI are refused with the reason; only admins may change plugins.
 */
class PluginsAdminTest {

    static final String RULES = "social.herd.plugin.rules.example";
    static final String KEYWORDS = "social.herd.plugin.filter.keywords";
    static Peer herd;
    static Peer.User admin, moderator, user;

    @BeforeAll
    static void start() {
        herd = Peer.start("127.0.0.1");
        admin = herd.user("root", "admin");
        moderator = herd.user("mo", "moderator");
        user = herd.user("plain");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
    }

    static List<String> ruleIds() {
        List<String> ids = new ArrayList<>();
        herd.http.get("/api/v1/instance/rules").json().forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    @Test
    void uploadDisableEnableAndDeleteARulesPlugin() {
        Http.Reply uploaded = Uploads.upload(admin, Uploads.read("herd.example.plugin"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        JsonNode p = uploaded.json();
        assertThat(p.get("id").asText()).isEqualTo(RULES);
        assertThat(p.get("kind").asText()).isEqualTo("rules");
        assertThat(p.get("source").asText()).isEqualTo("upload");
        assertThat(p.get("state").asText()).isEqualTo("active");
        assertThat(ruleIds()).contains("community-1", "community-2");
        assertThat(herd.server.command("plugins", "list")).contains(RULES).contains("active");

        JsonNode off = admin.ok(admin.post("/api/v1/admin/plugins/" + RULES + "/disable", ""));
        assertThat(off.get("state").asText()).isEqualTo("disabled");
        assertThat(ruleIds()).doesNotContain("community-1");
        admin.ok(admin.post("/api/v1/admin/plugins/" + RULES + "/enable", ""));
        assertThat(ruleIds()).contains("community-1");

        assertThat(admin.send("DELETE", "/api/v1/admin/plugins/" + RULES, "").status()).isEqualTo(200);
        assertThat(ruleIds()).doesNotContain("community-1");
        assertThat(admin.get("/api/v1/admin/plugins/" + RULES).status()).isEqualTo(404);
        assertThat(herd.serverErrors()).isEmpty();
    }

    @Test
    void aFilterConfiguredThroughTheApiActsAndBadSettingsAreRefused() {
        assertThat(Uploads.upload(admin, Uploads.read("herd.plugin.keywords")).status()).isEqualTo(200);
        try {
            JsonNode p = admin.ok(admin.get("/api/v1/admin/plugins/" + KEYWORDS));
            List<String> schema = new ArrayList<>();
            p.get("config_schema").forEach(a -> schema.add(a.get("id").asText()));
            assertThat(schema).contains("reject", "hold", "warn", "reject_reason");

            Http.Reply set = json(admin, "PUT", "/api/v1/admin/plugins/" + KEYWORDS + "/config",
                    "{\"reject\":[\"verboten\"],\"reject_reason\":\"Not here\",\"herd.filter.failClosed\":true}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.json().get("config").get("reject").get(0).asText()).isEqualTo("verboten");
            Http.Reply refused = user.post("/api/v1/statuses", "status=verboten+words");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("error").asText()).isEqualTo("Not here");

            Http.Reply unknown = json(admin, "PUT", "/api/v1/admin/plugins/" + KEYWORDS + "/config", "{\"nope\":1}");
            assertThat(unknown.status()).isEqualTo(422);
            assertThat(unknown.json().get("error").asText()).isEqualTo("Unknown setting: nope");
            Http.Reply wrongType = json(admin, "PUT", "/api/v1/admin/plugins/" + KEYWORDS + "/config",
                    "{\"herd.filter.failClosed\":\"perhaps\"}");
            assertThat(wrongType.status()).isEqualTo(422);
            assertThat(json(admin, "PUT", "/api/v1/admin/plugins/" + KEYWORDS + "/config", "[1,2]").status()).isEqualTo(422);
            // the refused settings changed nothing
            assertThat(user.post("/api/v1/statuses", "status=verboten+again").status()).isEqualTo(422);
        } finally {
            admin.send("DELETE", "/api/v1/admin/plugins/" + KEYWORDS, "");
        }
        assertThat(user.post("/api/v1/statuses", "status=verboten+no+more").status()).isEqualTo(200);
    }

    @Test
    void pluginsThatShipWithTheServerAreConfiguredTooButNotRemoved() {
        String rules = "social.herd.plugin.rules.default";
        JsonNode listed = admin.ok(admin.get("/api/v1/admin/plugins/" + rules));
        assertThat(listed.get("source").asText()).isEqualTo("system");
        assertThat(listed.get("config_schema").toString()).contains("\"texts\"").contains("\"hints\"");

        Http.Reply set = json(admin, "PUT", "/api/v1/admin/plugins/" + rules + "/config",
                "{\"texts\":[\"Rule from the console\"],\"hints\":[\"set by an admin\"]}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("config").get("texts").get(0).asText()).isEqualTo("Rule from the console");
        herd.http.await("/api/v1/instance/rules", java.time.Duration.ofSeconds(10),
                r -> r.body().contains("Rule from the console"));
        assertThat(herd.http.get("/api/v1/instance/rules").json().get(0).get("hint").asText()).isEqualTo("set by an admin");

        assertThat(json(admin, "PUT", "/api/v1/admin/plugins/" + rules + "/config", "{\"nope\":1}").status()).isEqualTo(422);
        assertThat(admin.send("DELETE", "/api/v1/admin/plugins/" + rules, "").status()).as("it ships with the server").isEqualTo(422);
        assertThat(json(moderator, "PUT", "/api/v1/admin/plugins/" + rules + "/config", "{}").status()).isEqualTo(403);
    }

    @Test
    void aJarForAnotherSpiVersionOrNoPluginAtAllIsRefusedWithTheReason() {
        Http.Reply future = Uploads.upload(admin, social.herd.itests.TestJars.futureFilter());
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().get("error").asText())
                .contains("plugin requires herd.spi moderation version [2.0.0,3.0.0), this server provides moderation 1.2.0")
                .contains("missing package social.herd.spi.moderation (version [2.0.0,3.0.0)), this server provides [1.2.0]");
        assertThat(admin.get("/api/v1/admin/plugins/itest.future.filter").status()).as("nothing stored").isEqualTo(404);

        Http.Reply garbage = Uploads.upload(admin, "not a jar at all".getBytes());
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.json().get("error").asText()).isNotBlank();
        Http.Reply core = Uploads.upload(admin, Uploads.read("herd.plugin.throwing"));
        assertThat(core.status()).as("a real plugin is fine: " + core.body()).isEqualTo(200);
        admin.send("DELETE", "/api/v1/admin/plugins/social.herd.test.plugin.filter.throwing", "");
        assertThat(user.post("/api/v1/statuses", "status=still+fine").status()).isEqualTo(200);
        assertThat(herd.serverErrors()).isEmpty();
    }

    @Test
    void onlyAdminsChangePluginsStaffMayLookOthersMayNot() {
        String[][] writes = {{"POST", "/api/v1/admin/plugins/x/enable"}, {"POST", "/api/v1/admin/plugins/x/disable"},
                {"DELETE", "/api/v1/admin/plugins/x"}};
        for (Peer.User who : List.of(moderator, user)) {
            for (String[] w : writes) assertThat(who.send(w[0], w[1], "").status()).as(who.username + " " + w[1]).isEqualTo(403);
            assertThat(Uploads.upload(who, Uploads.read("herd.example.plugin")).status()).isEqualTo(403);
            assertThat(json(who, "PUT", "/api/v1/admin/plugins/x/config", "{}").status()).isEqualTo(403);
        }
        assertThat(moderator.get("/api/v1/admin/plugins").status()).isEqualTo(200);
        Http.Reply denied = user.get("/api/v1/admin/plugins");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("error").asText()).as("a user's token lacks the admin scopes").isNotBlank();
        assertThat(herd.http.get("/api/v1/admin/plugins").status()).isEqualTo(401);
        assertThat(herd.http.post("/api/v1/admin/plugins/x/enable", "application/x-www-form-urlencoded", "").status()).isEqualTo(401);
        assertThat(Uploads.upload(new Peer.User(herd, "nobody", null), Uploads.read("herd.example.plugin")).status()).isEqualTo(401);
    }

    static Http.Reply json(Peer.User u, String method, String path, String body) {
        return u.peer.http.send(HttpRequest.newBuilder(URI.create(u.peer.apiBase + path))
                .header("Authorization", "Bearer " + u.token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
