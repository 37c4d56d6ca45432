package social.herd.oauth.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.oauth.impl.OAuthStack.form;
import static social.herd.oauth.impl.OAuthStack.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /oauth/token}: the three grants, PKCE and the RFC 6749 errors. */
class TokenGrantsTest {

    private static final String CALLBACK = "https://app.example/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-longer-than-43";

    private static OAuthStack stack;
    private static OAuthStack.Client client;

    @BeforeAll
    static void start() {
        stack = new OAuthStack();
        client = stack.register("read write follow push", CALLBACK, "urn:ietf:wg:oauth:2.0:oob");
    }

    @AfterAll
    static void stop() {
        // no request may ever have logged a secret, code, token or password
        for (String line : stack.http.logLines()) {
            assertThat(line).doesNotContain(client.clientSecret(), "correct horse battery staple", "hunter2-hunter2");
        }
        stack.close();
    }

    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String authorizeQuery(String scope, String state, String challenge, String method) {
        StringBuilder q = new StringBuilder(form("response_type", "code", "client_id", client.clientId(),
                "redirect_uri", CALLBACK, "scope", scope, "state", state));
        if (challenge != null) q.append('&').append(form("code_challenge", challenge, "code_challenge_method", method));
        return q.toString();
    }

    private static void assertOAuthError(JerseyHarness.Response r, int status, String error) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode n = json(r);
        assertThat(n.get("error").asText()).isEqualTo(error);
        assertThat(n.get("error_description").asText()).isNotBlank();
    }

    private static JerseyHarness.Response exchange(String code, String redirectUri, String verifier) {
        return verifier == null
                ? stack.token("grant_type", "authorization_code", "client_id", client.clientId(), "client_secret",
                        client.clientSecret(), "code", code, "redirect_uri", redirectUri)
                : stack.token("grant_type", "authorization_code", "client_id", client.clientId(), "client_secret",
                        client.clientSecret(), "code", code, "redirect_uri", redirectUri, "code_verifier", verifier);
    }

    @Test
    void passwordGrantAsMastodonPySendsIt() {
        long before = System.currentTimeMillis() / 1000;
        JerseyHarness.Response r = stack.token("grant_type", "password", "client_id", client.clientId(),
                "client_secret", client.clientSecret(), "username", "alice@example.com",
                "password", "correct horse battery staple", "scope", "read write follow push");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        JsonNode n = json(r);
        assertThat(n.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(n.get("scope").asText()).isEqualTo("read write follow push");
        assertThat(n.get("created_at").asLong()).isBetween(before - 5, before + 60);
        String token = n.get("access_token").asText();
        assertThat(stack.tokens.verify(token)).hasValueSatisfying(p -> {
            assertThat(p.userId()).hasValue(1);
            assertThat(p.accountId()).hasValue(1001);
            assertThat(p.allows("write:statuses")).isTrue();
        });
        // only the hash is stored
        assertThat(stack.query("SELECT count(*) FROM oauth_access_tokens WHERE token_hash = '" + Secrets.hash(token) + "'"))
                .containsExactly("1");
    }

    @Test
    void passwordGrantAsJsonWithHttpBasicClientAuthentication() {
        String basic = Base64.getEncoder().encodeToString((client.clientId() + ":" + client.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        JerseyHarness.Response r = stack.http.request("POST", "/oauth/token").header("Authorization", "Basic " + basic)
                .json("{\"grant_type\":\"password\",\"username\":\"bob\",\"password\":\"hunter2-hunter2\",\"scope\":\"read\"}")
                .send();

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(stack.tokens.verify(json(r).get("access_token").asText()))
                .hasValueSatisfying(p -> assertThat(p.role()).isEqualTo(social.herd.api.auth.Role.ADMIN));
    }

    @Test
    void wrongPasswordIsInvalidGrant() {
        assertOAuthError(stack.token("grant_type", "password", "client_id", client.clientId(), "client_secret",
                client.clientSecret(), "username", "alice@example.com", "password", "wrong"), 400, "invalid_grant");
    }

    @Test
    void clientCredentialsGivesAnAppOnlyTokenWithinTheAppsScopes() {
        JerseyHarness.Response r = stack.http.request("POST", "/oauth/token").json("{\"grant_type\":\"client_credentials\","
                + "\"client_id\":\"" + client.clientId() + "\",\"client_secret\":\"" + client.clientSecret()
                + "\",\"scope\":\"read write\"}").send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("scope").asText()).isEqualTo("read write");
        assertThat(stack.tokens.verify(json(r).get("access_token").asText())).hasValueSatisfying(p -> {
            assertThat(p.hasUser()).isFalse();
            assertThat(p.applicationId()).isEqualTo(Long.parseLong(client.id()));
        });
        JerseyHarness.Response defaulted = stack.token("grant_type", "client_credentials", "client_id",
                client.clientId(), "client_secret", client.clientSecret());
        assertThat(json(defaulted).get("scope").asText()).isEqualTo("read");
    }

    @Test
    void scopesBeyondTheAppsAreInvalidScope() {
        OAuthStack.Client readOnly = stack.register("read", "urn:ietf:wg:oauth:2.0:oob");
        assertOAuthError(stack.token("grant_type", "client_credentials", "client_id", readOnly.clientId(),
                "client_secret", readOnly.clientSecret(), "scope", "read write"), 400, "invalid_scope");
        assertOAuthError(stack.token("grant_type", "password", "client_id", readOnly.clientId(), "client_secret",
                readOnly.clientSecret(), "username", "alice", "password", "correct horse battery staple",
                "scope", "admin:read"), 400, "invalid_scope");
        assertOAuthError(stack.token("grant_type", "client_credentials", "client_id", readOnly.clientId(),
                "client_secret", readOnly.clientSecret(), "scope", "read nonsense"), 400, "invalid_scope");
        // a fine-grained form of a registered scope is within it
        assertThat(stack.token("grant_type", "client_credentials", "client_id", readOnly.clientId(), "client_secret",
                readOnly.clientSecret(), "scope", "read:accounts").status()).isEqualTo(200);
    }

    @Test
    void unknownClientOrWrongSecretIsInvalidClient() {
        assertOAuthError(stack.token("grant_type", "client_credentials", "client_id", "nobody", "client_secret", "x"),
                401, "invalid_client");
        assertOAuthError(stack.token("grant_type", "client_credentials", "client_id", client.clientId(),
                "client_secret", client.clientSecret() + "x"), 401, "invalid_client");
        assertOAuthError(stack.token("grant_type", "client_credentials", "client_id", client.clientId()),
                401, "invalid_client");
    }

    @Test
    void missingOrUnknownGrantType() {
        assertOAuthError(stack.token("client_id", client.clientId()), 400, "invalid_request");
        assertOAuthError(stack.token("grant_type", "refresh_token", "client_id", client.clientId(), "client_secret",
                client.clientSecret()), 400, "unsupported_grant_type");
    }

    @Test
    void authorizationCodeWithPkceS256() throws Exception {
        String code = stack.authorizationCode(authorizeQuery("read write", "xyz", s256(VERIFIER), "S256"));

        JerseyHarness.Response r = exchange(code, CALLBACK, VERIFIER);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("scope").asText()).isEqualTo("read write");
        assertThat(stack.tokens.verify(json(r).get("access_token").asText()))
                .hasValueSatisfying(p -> assertThat(p.userId()).hasValue(1));
        assertThat(stack.query("SELECT count(*) FROM oauth_access_grants WHERE code_hash = '" + Secrets.hash(code)
                + "' AND used_at IS NOT NULL")).containsExactly("1");
    }

    @Test
    void pkceWithTheWrongOrMissingVerifierIsInvalidGrant() throws Exception {
        String code = stack.authorizationCode(authorizeQuery("read", "s", s256(VERIFIER), "S256"));

        assertOAuthError(exchange(code, CALLBACK, VERIFIER.replace('d', 'e')), 400, "invalid_grant");
        assertOAuthError(exchange(code, CALLBACK, null), 400, "invalid_grant");
        // the failed attempts did not use the code up
        assertThat(exchange(code, CALLBACK, VERIFIER).status()).isEqualTo(200);
    }

    @Test
    void pkcePlain() {
        String code = stack.authorizationCode(authorizeQuery("read", "s", VERIFIER, "plain"));
        assertOAuthError(exchange(code, CALLBACK, VERIFIER + "x"), 400, "invalid_grant");
        assertThat(exchange(code, CALLBACK, VERIFIER).status()).isEqualTo(200);
    }

    @Test
    void aCodeIsSingleUseAndReplayRevokesItsToken() {
        String code = stack.authorizationCode(authorizeQuery("read", "s", null, null));
        JerseyHarness.Response first = exchange(code, CALLBACK, null);
        assertThat(first.status()).isEqualTo(200);
        String token = json(first).get("access_token").asText();
        assertThat(stack.tokens.verify(token)).isPresent();

        assertOAuthError(exchange(code, CALLBACK, null), 400, "invalid_grant");
        assertThat(stack.tokens.verify(token)).isEmpty();
    }

    @Test
    void wrongRedirectUriUnknownCodeOrOtherClientIsInvalidGrant() {
        String code = stack.authorizationCode(authorizeQuery("read", "s", null, null));
        assertOAuthError(exchange(code, "urn:ietf:wg:oauth:2.0:oob", null), 400, "invalid_grant");
        assertOAuthError(exchange("made-up-code", CALLBACK, null), 400, "invalid_grant");
        OAuthStack.Client other = stack.register("read", CALLBACK);
        assertOAuthError(stack.token("grant_type", "authorization_code", "client_id", other.clientId(),
                "client_secret", other.clientSecret(), "code", code, "redirect_uri", CALLBACK), 400, "invalid_grant");
        assertThat(exchange(code, CALLBACK, null).status()).isEqualTo(200);
    }

    @Test
    void expiredCodeIsInvalidGrant() {
        String code = stack.authorizationCode(authorizeQuery("read", "s", null, null));
        stack.query("UPDATE oauth_access_grants SET expires_at = now() - interval '1 second' WHERE code_hash = '"
                + Secrets.hash(code) + "' RETURNING id");
        assertOAuthError(exchange(code, CALLBACK, null), 400, "invalid_grant");
    }
}
