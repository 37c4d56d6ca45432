package social.herd.oauth.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.oauth.impl.OAuthStack.form;
import static social.herd.oauth.impl.OAuthStack.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/apps}, {@code verify_credentials} and the server metadata. */
class AppsTest {

    private static OAuthStack stack;

    @BeforeAll
    static void start() {
        stack = new OAuthStack();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void registersFromAFormAsMastodonPyDoes() {
        JerseyHarness.Response r = stack.http.request("POST", "/api/v1/apps").form(form("client_name", "Mastodon.py app",
                "redirect_uris", "urn:ietf:wg:oauth:2.0:oob", "scopes", "read write follow push",
                "website", "https://app.example")).send();

        assertThat(r.status()).isEqualTo(200);
        JsonNode n = json(r);
        assertThat(n.get("id").isTextual()).isTrue();
        assertThat(n.get("name").asText()).isEqualTo("Mastodon.py app");
        assertThat(n.get("website").asText()).isEqualTo("https://app.example");
        assertThat(n.get("scopes")).extracting(JsonNode::asText).containsExactly("read", "write", "follow", "push");
        assertThat(n.get("redirect_uri").asText()).isEqualTo("urn:ietf:wg:oauth:2.0:oob");
        assertThat(n.get("redirect_uris")).extracting(JsonNode::asText).containsExactly("urn:ietf:wg:oauth:2.0:oob");
        assertThat(n.get("client_id").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(n.get("client_secret").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(n.get("client_secret_expires_at").asLong()).isZero();
        assertThat(n.get("vapid_key").asText()).isEmpty();

        // only the hash of the secret is stored
        String secret = n.get("client_secret").asText();
        assertThat(stack.query("SELECT client_secret_hash FROM oauth_applications WHERE client_id = '"
                + n.get("client_id").asText() + "'")).containsExactly(Secrets.hash(secret));
        assertThat(stack.query("SELECT count(*) FROM oauth_applications WHERE client_secret_hash = '" + secret + "'"))
                .containsExactly("0");
    }

    @Test
    void registersFromJsonWithSeveralRedirectUrisAndDefaultsToRead() {
        JerseyHarness.Response r = stack.http.request("POST", "/api/v1/apps").json("""
                {"client_name": "masto.js app", "redirect_uris": ["https://app.example/callback", "myapp://oauth"]}
                """).send();

        assertThat(r.status()).isEqualTo(200);
        JsonNode n = json(r);
        assertThat(n.get("scopes")).extracting(JsonNode::asText).containsExactly("read");
        assertThat(n.get("redirect_uris")).extracting(JsonNode::asText)
                .containsExactly("https://app.example/callback", "myapp://oauth");
        assertThat(n.get("redirect_uri").asText()).isEqualTo("https://app.example/callback\nmyapp://oauth");
        assertThat(n.get("website").isNull()).isTrue();
    }

    @Test
    void refusesInvalidRegistrationsWith422() {
        assertError(form("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"), "Validation failed: Name can't be blank");
        assertError(form("client_name", "x"), "Validation failed: Redirect URI can't be blank");
        assertError(form("client_name", "x", "redirect_uris", "not-a-uri"), "Validation failed: Redirect URI must be an absolute URI.");
        assertError(form("client_name", "x", "redirect_uris", "https://app.example/cb#frag"),
                "Validation failed: Redirect URI cannot contain a fragment.");
        assertError(form("client_name", "x", "redirect_uris", "javascript:alert(1)"),
                "Validation failed: Redirect URI is forbidden by the server.");
        assertError(form("client_name", "x", "redirect_uris", "urn:ietf:wg:oauth:2.0:oob", "scopes", "read superpowers"),
                "Validation failed: Scopes are invalid");
        assertThat(stack.query("SELECT count(*) FROM oauth_applications WHERE name = 'x'")).containsExactly("0");
    }

    private static void assertError(String body, String error) {
        JerseyHarness.Response r = stack.http.request("POST", "/api/v1/apps").form(body).send();
        assertThat(r.status()).as(body).isEqualTo(422);
        assertThat(json(r).get("error").asText()).isEqualTo(error);
    }

    @Test
    void verifyCredentialsAcceptsAppOnlyAndUserTokensButNoSecret() {
        OAuthStack.Client c = stack.register("read write", "urn:ietf:wg:oauth:2.0:oob");
        String appToken = stack.appToken(c, "write");
        String userToken = stack.passwordToken(c, "read");

        for (String token : new String[] {appToken, userToken}) {
            JerseyHarness.Response r = stack.http.request("GET", "/api/v1/apps/verify_credentials").bearer(token).send();
            assertThat(r.status()).isEqualTo(200);
            JsonNode n = json(r);
            assertThat(n.get("id").asText()).isEqualTo(c.id());
            assertThat(n.get("name").asText()).isEqualTo("Test app");
            assertThat(n.has("client_secret")).isFalse();
            assertThat(n.has("client_id")).isFalse();
        }
        JerseyHarness.Response anonymous = stack.http.get("/api/v1/apps/verify_credentials");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(json(anonymous).get("error").asText()).isEqualTo("The access token is invalid");
        JerseyHarness.Response bogus = stack.http.request("GET", "/api/v1/apps/verify_credentials").bearer("nope").send();
        assertThat(bogus.status()).isEqualTo(401);
    }

    @Test
    void publishesAuthorizationServerMetadataFromThePublicUrl() {
        JerseyHarness.Response r = stack.http.get("/.well-known/oauth-authorization-server");

        assertThat(r.status()).isEqualTo(200);
        JsonNode n = json(r);
        assertThat(n.get("issuer").asText()).isEqualTo("https://social.example/");
        assertThat(n.get("authorization_endpoint").asText()).isEqualTo("https://social.example/oauth/authorize");
        assertThat(n.get("token_endpoint").asText()).isEqualTo("https://social.example/oauth/token");
        assertThat(n.get("revocation_endpoint").asText()).isEqualTo("https://social.example/oauth/revoke");
        assertThat(n.get("app_registration_endpoint").asText()).isEqualTo("https://social.example/api/v1/apps");
        assertThat(n.get("scopes_supported")).extracting(JsonNode::asText).contains("read", "write:statuses", "admin:read");
        assertThat(n.get("response_types_supported")).extracting(JsonNode::asText).containsExactly("code");
        assertThat(n.get("code_challenge_methods_supported")).extracting(JsonNode::asText).containsExactly("S256");
        assertThat(n.get("grant_types_supported")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("authorization_code", "password", "client_credentials");
        assertThat(n.get("token_endpoint_auth_methods_supported")).extracting(JsonNode::asText)
                .contains("client_secret_post", "client_secret_basic");
    }
}
