package social.herd.itests.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.federation.Peer;

/** A report as moderators work through it with Mastodon's admin reports API, and who may. */
class AdminReportsTest {

    static Peer herd;
    static Peer.User alice, bob, moderator, admin;

    @BeforeAll
    static void start() {
        herd = Peer.start("127.0.0.1");
        alice = herd.user("alice");
        bob = herd.user("bob");
        moderator = herd.user("mo", "moderator");
        admin = herd.user("root", "admin");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
    }

    @Test
    void aReportIsTakenRecategorisedResolvedAndReopened() {
        String post = bob.status("buy my stuff", "public").get("id").asText();
        String id = alice.ok(alice.post("/api/v1/reports", "account_id=" + bob.id + "&status_ids[]=" + post + "&comment=spam"))
                .get("id").asText();

        assertThat(ids(moderator.ok(moderator.get("/api/v1/admin/reports")))).contains(id);
        JsonNode r = moderator.ok(moderator.get("/api/v1/admin/reports/" + id));
        assertThat(r.get("target_account").get("username").asText()).isEqualTo("bob");
        assertThat(r.get("account").get("username").asText()).isEqualTo("alice");
        assertThat(r.get("statuses").get(0).get("id").asText()).isEqualTo(post);
        assertThat(r.get("comment").asText()).isEqualTo("spam");
        assertThat(r.get("action_taken").asBoolean()).isFalse();
        assertThat(r.get("assigned_account").isNull()).isTrue();

        JsonNode taken = moderator.ok(moderator.post("/api/v1/admin/reports/" + id + "/assign_to_self", ""));
        assertThat(taken.get("assigned_account").get("id").asText()).isEqualTo(moderator.id);
        assertThat(moderator.ok(moderator.post("/api/v1/admin/reports/" + id + "/unassign", "")).get("assigned_account").isNull()).isTrue();

        assertThat(moderator.ok(moderator.send("PUT", "/api/v1/admin/reports/" + id, "category=spam")).get("category").asText())
                .isEqualTo("spam");
        assertThat(moderator.send("PUT", "/api/v1/admin/reports/" + id, "category=nonsense").status()).isEqualTo(422);
        assertThat(moderator.send("PUT", "/api/v1/admin/reports/" + id, "category=violation&rule_ids[]=999").status()).isEqualTo(422);

        JsonNode resolved = moderator.ok(moderator.post("/api/v1/admin/reports/" + id + "/resolve", ""));
        assertThat(resolved.get("action_taken").asBoolean()).isTrue();
        assertThat(resolved.get("action_taken_by_account").get("id").asText()).isEqualTo(moderator.id);
        assertThat(ids(moderator.ok(moderator.get("/api/v1/admin/reports")))).doesNotContain(id);
        assertThat(ids(moderator.ok(moderator.get("/api/v1/admin/reports?resolved=true")))).contains(id);
        assertThat(ids(moderator.ok(moderator.get("/api/v1/admin/reports?resolved=true&target_account_id=" + bob.id)))).contains(id);
        assertThat(ids(moderator.ok(moderator.get("/api/v1/admin/reports?resolved=true&target_account_id=" + alice.id)))).isEmpty();

        JsonNode reopened = admin.ok(admin.post("/api/v1/admin/reports/" + id + "/reopen", ""));
        assertThat(reopened.get("action_taken").asBoolean()).isFalse();
        assertThat(ids(moderator.ok(moderator.get("/api/v1/admin/reports")))).contains(id);
        assertThat(moderator.get("/api/v1/admin/reports/123").status()).isEqualTo(404);
        assertThat(herd.serverErrors()).isEmpty();
    }

    @Test
    void onlyStaffSeeReports() {
        String[][] endpoints = {{"GET", "/api/v1/admin/reports"}, {"GET", "/api/v1/admin/reports/1"},
                {"PUT", "/api/v1/admin/reports/1"}, {"POST", "/api/v1/admin/reports/1/assign_to_self"},
                {"POST", "/api/v1/admin/reports/1/unassign"}, {"POST", "/api/v1/admin/reports/1/resolve"},
                {"POST", "/api/v1/admin/reports/1/reopen"}};
        for (String[] e : endpoints) {
            assertThat(alice.send(e[0], e[1], "").status()).as("user " + e[1]).isEqualTo(403);
            assertThat(new Peer.User(herd, "anonymous", "").send(e[0], e[1], "").status()).as("no token " + e[1]).isEqualTo(401);
        }
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }
}
