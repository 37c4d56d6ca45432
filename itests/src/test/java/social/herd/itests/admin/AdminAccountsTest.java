package social.herd.itests.admin;

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
 * Account moderation with Mastodon's admin API, seen where the person concerned notices it (their
 * token stops working, their sign-up waits or is refused), and the e-mail domain and IP blocks
 * that sign-up obeys.
 */
class AdminAccountsTest {

    static Peer herd;
    static Peer.User admin, moderator, alice, bob;

    @BeforeAll
    static void start() {
        herd = Peer.start("127.0.0.1");
        admin = herd.user("root", "admin");
        moderator = herd.user("mo", "moderator");
        alice = herd.user("alice");
        bob = herd.user("bob");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
    }

    @Test
    void listAndLookAtAccounts() {
        assertThat(usernames(moderator.ok(moderator.get("/api/v1/admin/accounts?local=true")))).contains("alice", "bob", "mo");
        assertThat(usernames(moderator.ok(moderator.get("/api/v1/admin/accounts?username=ali")))).containsExactly("alice");
        assertThat(usernames(moderator.ok(moderator.get("/api/v1/admin/accounts?staff=true")))).contains("root", "mo")
                .doesNotContain("alice");
        assertThat(usernames(moderator.ok(moderator.get("/api/v2/admin/accounts?origin=local&status=active&username=bo"))))
                .containsExactly("bob");
        assertThat(moderator.get("/api/v2/admin/accounts?status=asleep").status()).isEqualTo(422);
        Http.Reply page = moderator.get("/api/v1/admin/accounts?limit=2");
        assertThat(page.json()).hasSize(2);
        assertThat(page.header("Link")).contains("max_id=");

        JsonNode a = moderator.ok(moderator.get("/api/v1/admin/accounts/" + alice.id));
        assertThat(a.get("username").asText()).isEqualTo("alice");
        assertThat(a.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(a.get("confirmed").asBoolean()).isTrue();
        assertThat(a.get("account").get("acct").asText()).isEqualTo("alice");
        assertThat(moderator.get("/api/v1/admin/accounts/999").status()).isEqualTo(404);
    }

    @Test
    void suspendDisableSilenceAndSensitizeAndUndoThem() {
        String loud = bob.status("bob speaks up", "public").get("id").asText();
        JsonNode silenced = moderator.ok(moderator.post("/api/v1/admin/accounts/" + bob.id + "/action", "type=silence&text=calm+down"));
        assertThat(silenced.get("silenced").asBoolean()).isTrue();
        assertThat(usernames(moderator.ok(moderator.get("/api/v1/admin/accounts?silenced=true")))).contains("bob");
        // a limited account's posts leave the public timeline of people who do not follow it (within seconds)
        alice.await("/api/v1/timelines/public?local=true", list -> !list.toString().contains(loud));
        assertThat(bob.ok(bob.get("/api/v1/timelines/public?local=true")).toString()).as("the author still sees it").contains(loud);
        assertThat(moderator.ok(moderator.post("/api/v1/admin/accounts/" + bob.id + "/unsilence", "")).get("silenced").asBoolean()).isFalse();
        alice.await("/api/v1/timelines/public?local=true", list -> list.toString().contains(loud));

        assertThat(moderator.ok(moderator.post("/api/v1/admin/accounts/" + bob.id + "/action", "type=sensitive"))
                .get("sensitized").asBoolean()).isTrue();
        assertThat(moderator.ok(moderator.post("/api/v1/admin/accounts/" + bob.id + "/unsensitive", "")).get("sensitized").asBoolean()).isFalse();

        assertThat(alice.get("/api/v1/accounts/verify_credentials").status()).isEqualTo(200);
        assertThat(moderator.ok(moderator.post("/api/v1/admin/accounts/" + alice.id + "/action", "type=disable")).get("disabled").asBoolean()).isTrue();
        Http.Reply disabled = alice.get("/api/v1/accounts/verify_credentials");
        assertThat(disabled.status()).as("a disabled user's token stops working, as Mastodon answers it").isEqualTo(403);
        assertThat(disabled.json().get("error").asText()).isEqualTo("Your login is currently disabled");
        assertThat(moderator.ok(moderator.post("/api/v1/admin/accounts/" + alice.id + "/enable", "")).get("disabled").asBoolean()).isFalse();

        Peer.User carl = herd.user("carl");
        assertThat(moderator.ok(moderator.post("/api/v1/admin/accounts/" + carl.id + "/action", "type=suspend")).get("suspended").asBoolean()).isTrue();
        assertThat(carl.get("/api/v1/accounts/verify_credentials").status()).as("suspended: Mastodon answers 403").isEqualTo(403);
        assertThat(usernames(moderator.ok(moderator.get("/api/v2/admin/accounts?status=suspended")))).contains("carl");
        assertThat(moderator.ok(moderator.post("/api/v1/admin/accounts/" + carl.id + "/unsuspend", "")).get("suspended").asBoolean()).isFalse();

        assertThat(moderator.post("/api/v1/admin/accounts/" + bob.id + "/action", "type=banish").status()).isEqualTo(422);
        assertThat(moderator.post("/api/v1/admin/accounts/" + admin.id + "/action", "type=suspend").status())
                .as("moderators do not act on admins").isEqualTo(403);
        assertThat(herd.serverErrors()).isEmpty();
    }

    @Test
    void rolesAndDeletion() {
        Peer.User dora = herd.user("dora");
        assertThat(admin.ok(admin.post("/api/v1/admin/accounts/" + dora.id + "/role", "role=moderator")).get("role").get("name").asText())
                .isEqualTo("Moderator");
        assertThat(moderator.post("/api/v1/admin/accounts/" + dora.id + "/role", "role=admin").status()).isEqualTo(403);
        assertThat(admin.post("/api/v1/admin/accounts/" + dora.id + "/role", "role=owner").status()).isEqualTo(422);

        assertThat(admin.send("DELETE", "/api/v1/admin/accounts/" + dora.id, "").status()).as("only suspended accounts").isEqualTo(403);
        admin.ok(admin.post("/api/v1/admin/accounts/" + dora.id + "/action", "type=suspend"));
        assertThat(admin.send("DELETE", "/api/v1/admin/accounts/" + dora.id, "").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/admin/accounts/" + dora.id).status()).isEqualTo(404);
    }

    @Test
    void emailDomainAndIpBlocksShapeSignUps() {
        JsonNode domain = admin.ok(admin.post("/api/v1/admin/email_domain_blocks", "domain=blocked.example"));
        assertThat(domain.get("domain").asText()).isEqualTo("blocked.example");
        assertThat(admin.post("/api/v1/admin/email_domain_blocks", "domain=blocked.example").status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/admin/email_domain_blocks", "domain=not+a+domain").status()).isEqualTo(422);
        Http.Reply refused = signUp(herd, "eve", "eve@mail.blocked.example");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("ERR_BLOCKED");
        admin.send("DELETE", "/api/v1/admin/email_domain_blocks/" + domain.get("id").asText(), "");
        assertThat(admin.get("/api/v1/admin/email_domain_blocks/" + domain.get("id").asText()).status()).isEqualTo(404);

        assertThat(admin.post("/api/v1/admin/ip_blocks", "ip=300.1.1.1&severity=sign_up_block").status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/admin/ip_blocks", "ip=127.0.0.1&severity=nope").status()).isEqualTo(422);
        JsonNode approval = admin.ok(admin.post("/api/v1/admin/ip_blocks", "ip=127.0.0.0/8&severity=sign_up_requires_approval&comment=test"));
        assertThat(approval.get("ip").asText()).isEqualTo("127.0.0.0/8");
        assertThat(signUp(herd, "fay", "fay@example.com").status()).isEqualTo(200);
        JsonNode fay = first(moderator.ok(moderator.get("/api/v1/admin/accounts?username=fay")));
        assertThat(fay.get("approved").asBoolean()).as("from a range that needs approval").isFalse();
        assertThat(usernames(moderator.ok(moderator.get("/api/v1/admin/accounts?pending=true")))).contains("fay");
        assertThat(moderator.ok(moderator.post("/api/v1/admin/accounts/" + fay.get("id").asText() + "/approve", ""))
                .get("approved").asBoolean()).isTrue();

        JsonNode block = admin.ok(admin.send("PUT", "/api/v1/admin/ip_blocks/" + approval.get("id").asText(), "severity=sign_up_block"));
        assertThat(block.get("severity").asText()).isEqualTo("sign_up_block");
        assertThat(signUp(herd, "gil", "gil@example.com").status()).isEqualTo(403);
        admin.send("DELETE", "/api/v1/admin/ip_blocks/" + approval.get("id").asText(), "");
        assertThat(signUp(herd, "gil", "gil@example.com").status()).isEqualTo(200);
        assertThat(herd.serverErrors()).isEmpty();
    }

    @Test
    void whoMayDoWhat() {
        String[][] staff = {{"GET", "/api/v1/admin/accounts"}, {"GET", "/api/v2/admin/accounts"},
                {"GET", "/api/v1/admin/accounts/1"}, {"POST", "/api/v1/admin/accounts/1/action"},
                {"POST", "/api/v1/admin/accounts/1/approve"}, {"POST", "/api/v1/admin/accounts/1/reject"},
                {"POST", "/api/v1/admin/accounts/1/enable"}, {"POST", "/api/v1/admin/accounts/1/unsilence"},
                {"POST", "/api/v1/admin/accounts/1/unsuspend"}, {"POST", "/api/v1/admin/accounts/1/unsensitive"},
                {"POST", "/api/v1/admin/accounts/1/role"}, {"DELETE", "/api/v1/admin/accounts/1"}};
        String[][] adminOnly = {{"GET", "/api/v1/admin/email_domain_blocks"}, {"GET", "/api/v1/admin/email_domain_blocks/1"},
                {"POST", "/api/v1/admin/email_domain_blocks"}, {"DELETE", "/api/v1/admin/email_domain_blocks/1"},
                {"GET", "/api/v1/admin/ip_blocks"}, {"GET", "/api/v1/admin/ip_blocks/1"}, {"POST", "/api/v1/admin/ip_blocks"},
                {"PUT", "/api/v1/admin/ip_blocks/1"}, {"DELETE", "/api/v1/admin/ip_blocks/1"}};
        Peer.User anonymous = new Peer.User(herd, "anonymous", "");
        for (String[][] group : List.of(staff, adminOnly)) {
            for (String[] e : group) {
                assertThat(bob.send(e[0], e[1], "").status()).as("user " + e[0] + " " + e[1]).isEqualTo(403);
                assertThat(anonymous.send(e[0], e[1], "").status()).as("no token " + e[1]).isEqualTo(401);
            }
        }
        for (String[] e : adminOnly) assertThat(moderator.send(e[0], e[1], "").status()).as("moderator " + e[1]).isEqualTo(403);
    }

    static Http.Reply signUp(Peer herd, String username, String email) {
        JsonNode app = herd.http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                "client_name=signup&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=read+write").json();
        String token = herd.http.post("/oauth/token", "application/x-www-form-urlencoded", "grant_type=client_credentials&scope=read+write"
                + "&client_id=" + Peer.enc(app.get("client_id").asText()) + "&client_secret=" + Peer.enc(app.get("client_secret").asText()))
                .json().get("access_token").asText();
        return herd.http.send(HttpRequest.newBuilder(URI.create(herd.apiBase + "/api/v1/accounts"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"email\":\"" + email
                        + "\",\"password\":\"correct horse battery\",\"agreement\":true,\"locale\":\"en\"}")));
    }

    static JsonNode first(JsonNode list) {
        assertThat(list.size()).isPositive();
        return list.get(0);
    }

    static List<String> usernames(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("username").asText()));
        return out;
    }
}
