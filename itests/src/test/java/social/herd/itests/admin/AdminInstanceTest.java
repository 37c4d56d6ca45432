package social.herd.itests.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;

/** Instance settings changed through the admin API, seen where visitors and apps read them. */
class AdminInstanceTest {

    static Peer herd;
    static Peer.User admin, moderator, user;

    @BeforeAll
    static void start() {
        herd = Peer.start("127.0.0.1");
        admin = herd.user("root", "admin");
        moderator = herd.user("mo", "moderator");
        user = herd.user("alice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
    }

    @Test
    void settingsShowInTheInstanceEndpointsAndTheRegistrationModeGovernsSignUp() {
        JsonNode set = admin.ok(admin.send("PATCH", "/api/v1/admin/instance", "title=Meadow&short_description=A+quiet+field"
                + "&contact_username=root&contact_email=hello%40meadow.example&registrations_mode=none"
                + "&privacy_policy=" + Peer.enc("We keep little.\n\nAsk us <anything>.") + "&thumbnail_url=https://meadow.example/t.png"));
        assertThat(set.get("title").asText()).isEqualTo("Meadow");

        JsonNode v1 = herd.http.get("/api/v1/instance").json();
        assertThat(v1.get("title").asText()).isEqualTo("Meadow");
        assertThat(v1.get("short_description").asText()).isEqualTo("A quiet field");
        assertThat(v1.get("email").asText()).isEqualTo("hello@meadow.example");
        assertThat(v1.get("registrations").asBoolean()).isFalse();
        assertThat(v1.get("contact_account").get("username").asText()).isEqualTo("root");
        JsonNode v2 = herd.http.get("/api/v2/instance").json();
        assertThat(v2.get("title").asText()).isEqualTo("Meadow");
        assertThat(v2.get("contact").get("account").get("username").asText()).isEqualTo("root");
        assertThat(v2.get("registrations").get("enabled").asBoolean()).isFalse();
        assertThat(v2.get("thumbnail").get("url").asText()).isEqualTo("https://meadow.example/t.png");
        assertThat(herd.http.get("/api/v1/instance/privacy_policy").json().get("content").asText())
                .isEqualTo("<p>We keep little.</p><p>Ask us &lt;anything&gt;.</p>");
        assertThat(herd.http.get("/api/v1/instance/terms_of_service").status()).as("never written").isEqualTo(404);
        assertThat(AdminAccountsTest.signUp(herd, "zed", "zed@example.com").status()).as("registrations closed").isEqualTo(403);

        admin.ok(admin.send("PATCH", "/api/v1/admin/instance", "registrations_mode=approved"));
        assertThat(herd.http.get("/api/v2/instance").json().get("registrations").get("approval_required").asBoolean()).isTrue();
        admin.ok(admin.send("PATCH", "/api/v1/admin/instance", "registrations_mode=open&title="));
        assertThat(herd.http.get("/api/v1/instance").json().get("title").asText()).as("back to the configured title").isEqualTo("Herd");
        assertThat(AdminAccountsTest.signUp(herd, "zed", "zed@example.com").status()).isEqualTo(200);
        assertThat(herd.serverErrors()).isEmpty();
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing() {
        assertThat(admin.send("PATCH", "/api/v1/admin/instance", "registrations_mode=sometimes").status()).isEqualTo(422);
        assertThat(admin.send("PATCH", "/api/v1/admin/instance", "colour=green").status()).isEqualTo(422);
        Http.Reply nobody = admin.send("PATCH", "/api/v1/admin/instance", "title=Changed&contact_username=nobody");
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(nobody.json().get("error").asText()).isEqualTo("contact_username must be a local account");
        assertThat(herd.http.get("/api/v1/instance").json().get("title").asText()).as("all or nothing").isNotEqualTo("Changed");
    }

    @Test
    void onlyAdmins() {
        for (Peer.User who : new Peer.User[] {moderator, user}) {
            assertThat(who.get("/api/v1/admin/instance").status()).isEqualTo(403);
            assertThat(who.send("PATCH", "/api/v1/admin/instance", "title=x").status()).isEqualTo(403);
        }
        Peer.User anonymous = new Peer.User(herd, "anonymous", "");
        assertThat(anonymous.get("/api/v1/admin/instance").status()).isEqualTo(401);
        assertThat(anonymous.send("PATCH", "/api/v1/admin/instance", "title=x").status()).isEqualTo(401);
    }
}
