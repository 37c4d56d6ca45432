package social.herd.oauth.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.oauth.impl.OAuthStack.json;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Revocation, Sessions.revokeAll, the verifier's cache, and scopes enforced by the web filters. */
class RevokeAndVerifierTest {

    private static OAuthStack stack;
    private static OAuthStack.Client client;

    @BeforeAll
    static void start() {
        stack = new OAuthStack();
        client = stack.register("read write", "urn:ietf:wg:oauth:2.0:oob");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static JerseyHarness.Response revoke(OAuthStack.Client c, String token) {
        return stack.http.request("POST", "/oauth/revoke").form(OAuthStack.form("client_id", c.clientId(),
                "client_secret", c.clientSecret(), "token", token)).send();
    }

    @Test
    void revokedTokenIsRefusedAtOnceEvenWhenCached() {
        String token = stack.passwordToken(client, "read");
        assertThat(stack.tokens.verify(token)).isPresent(); // now cached
        assertThat(stack.http.request("GET", "/api/v1/test/me").bearer(token).send().body()).isEqualTo("account 1001");

        JerseyHarness.Response r = revoke(client, token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
        assertThat(stack.tokens.verify(token)).isEmpty();
        JerseyHarness.Response after = stack.http.request("GET", "/api/v1/test/me").bearer(token).send();
        assertThat(after.status()).isEqualTo(401);
        assertThat(json(after).get("error").asText()).isEqualTo("The access token is invalid");
        // idempotent
        assertThat(revoke(client, token).status()).isEqualTo(200);
    }

    @Test
    void revokingAnUnknownTokenIsFineButAnotherAppsTokenIsNot() {
        assertThat(revoke(client, "no-such-token").status()).isEqualTo(200);
        OAuthStack.Client other = stack.register("read", "urn:ietf:wg:oauth:2.0:oob");
        String token = stack.appToken(other, "read");
        JerseyHarness.Response r = revoke(client, token);
        assertThat(r.status()).isEqualTo(403);
        assertThat(json(r).get("error").asText()).isEqualTo("unauthorized_client");
        assertThat(stack.tokens.verify(token)).isPresent();
        JerseyHarness.Response badClient = stack.http.request("POST", "/oauth/revoke").json(
                "{\"client_id\":\"" + client.clientId() + "\",\"client_secret\":\"wrong\",\"token\":\"" + token + "\"}").send();
        assertThat(badClient.status()).isEqualTo(401);
        assertThat(json(badClient).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void revokeAllEndsEveryTokenAndCodeOfAUserInTheCallersTransaction() {
        String a = stack.passwordToken(client, "read");
        String b = stack.passwordToken(client, "write");
        String app = stack.appToken(client, "read");
        assertThat(stack.tokens.verify(a)).isPresent();
        assertThat(stack.tokens.verify(b)).isPresent();

        // a rolled-back transaction changes nothing
        try {
            stack.db.transaction(tx -> {
                stack.tokens.revokeAll(tx, 1);
                throw new IllegalStateException("rollback");
            });
        } catch (IllegalStateException expected) {
            // the caller's transaction failed
        }
        assertThat(stack.tokens.verify(a)).isPresent();

        stack.db.transaction(tx -> {
            stack.tokens.revokeAll(tx, 1);
            return null;
        });
        assertThat(stack.tokens.verify(a)).isEmpty();
        assertThat(stack.tokens.verify(b)).isEmpty();
        assertThat(stack.tokens.verify(app)).isPresent();
        assertThat(stack.query("SELECT count(*) FROM oauth_access_grants WHERE user_id = 1 AND used_at IS NULL "
                + "AND revoked_at IS NULL")).containsExactly("0");
    }

    @Test
    void unconfirmedUsersTokensVerifyAsUnconfirmedAndConfirmationCountsAtOnce() {
        stack.users.add(8, "dora", "pw-dora-pw-dora", social.herd.api.auth.Role.USER);
        String token = stack.tokenService.token(Params.ofJson(java.util.Map.of("grant_type", "password",
                "client_id", client.clientId(), "client_secret", client.clientSecret(), "username", "dora",
                "password", "pw-dora-pw-dora")), "192.0.2.10").accessToken();
        stack.users.state(8, social.herd.api.accounts.UserSummary.State.UNCONFIRMED);
        assertThat(stack.tokens.verify(token)).hasValueSatisfying(p -> assertThat(p.confirmed()).isFalse());

        stack.users.state(8, social.herd.api.accounts.UserSummary.State.ACTIVE);
        assertThat(stack.tokens.verify(token)).as("no stale cache after confirming")
                .hasValueSatisfying(p -> assertThat(p.confirmed()).isTrue());
    }

    @Test
    void inactiveUsersTokensAreRefusedOnceTheCacheExpires() {
        OAuthConfig noCache = new OAuthConfig(Duration.ZERO, 100, 30, Duration.ofMinutes(5), 600);
        var verifier = new social.herd.oauth.impl.token.AccessTokens(stack.db, new social.herd.platform.impl.id
                .TimeSortableIdGenerator(), stack.users, noCache);
        stack.users.add(7, "carol", "pw-carol-pw", social.herd.api.auth.Role.MODERATOR);
        String token = stack.tokenService.token(Params.ofJson(java.util.Map.of("grant_type", "password",
                "client_id", client.clientId(), "client_secret", client.clientSecret(), "username", "carol",
                "password", "pw-carol-pw")), "192.0.2.9").accessToken();
        assertThat(verifier.verify(token)).hasValueSatisfying(p -> assertThat(p.role().isStaff()).isTrue());

        stack.users.deactivate(7);
        assertThat(verifier.verify(token)).isEmpty();
        assertThat(verifier.verify("")).isEmpty();
        assertThat(verifier.verify(null)).isEmpty();
    }

    @Test
    void appOnlyTokenGets422WhereAUserIsNeededAnd403OutsideItsScopes() {
        String appToken = stack.appToken(client, "read");
        JerseyHarness.Response me = stack.http.request("GET", "/api/v1/test/me").bearer(appToken).send();
        assertThat(me.status()).isEqualTo(422);
        assertThat(json(me).get("error").asText()).isEqualTo("This method requires an authenticated user");

        JerseyHarness.Response post = stack.http.request("GET", "/api/v1/test/post").bearer(appToken).send();
        assertThat(post.status()).isEqualTo(403);
        assertThat(json(post).get("error").asText()).isEqualTo("This action is outside the authorized scopes");

        String writer = stack.appToken(client, "write");
        assertThat(stack.http.request("GET", "/api/v1/test/post").bearer(writer).send().status()).isEqualTo(200);
        assertThat(stack.http.get("/api/v1/test/post").status()).isEqualTo(401);
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottled() {
        try (OAuthStack limited = new OAuthStack(new OAuthConfig(Duration.ofSeconds(30), 100, 3, Duration.ofMinutes(5), 600))) {
            OAuthStack.Client c = limited.register("read", "urn:ietf:wg:oauth:2.0:oob");
            limited.clientAddress = "198.51.100.7";
            for (int i = 0; i < 3; i++) {
                assertThat(limited.token("grant_type", "password", "client_id", c.clientId(), "client_secret",
                        c.clientSecret(), "username", "alice", "password", "guess" + i).status()).isEqualTo(400);
            }
            JerseyHarness.Response fourth = limited.token("grant_type", "password", "client_id", c.clientId(),
                    "client_secret", c.clientSecret(), "username", "alice", "password", "guess4");
            assertThat(fourth.status()).isEqualTo(429);
            assertThat(json(fourth).get("error").asText()).isEqualTo("Too many requests");
            int logins = limited.users.logins.get();
            // blocked before any credential is checked, even the right one
            JerseyHarness.Response right = limited.token("grant_type", "password", "client_id", c.clientId(),
                    "client_secret", c.clientSecret(), "username", "alice", "password", "correct horse battery staple");
            assertThat(right.status()).isEqualTo(429);
            assertThat(limited.users.logins.get()).isEqualTo(logins);
            // another address is not affected
            limited.clientAddress = "198.51.100.8";
            assertThat(limited.passwordToken(c, "read")).isNotBlank();
        }
    }
}
