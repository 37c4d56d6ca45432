package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.herd.api.auth.Principal;
import social.herd.api.auth.Role;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;
import social.herd.web.impl.errors.ApiExceptionMapper;
import social.herd.web.impl.errors.ThrowableMapper;
import social.herd.web.impl.errors.WebApplicationExceptionMapper;
import social.herd.web.impl.filters.AuthenticationFilterAccess;
import social.herd.web.impl.json.MastodonJsonProvider;

/** Bearer tokens and scopes as a client sees them: the statuses and bodies Mastodon answers with. */
class AuthTest {

    /** Endpoints guarded like Mastodon's. */
    @Path("/api/v1/guarded")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Guarded {
        @GET
        @Path("me")
        @RequiresScope("read:accounts")
        public Map<String, Object> me(@Context ContainerRequestContext request) {
            return Map.of("account_id", String.valueOf(Auth.requireAccountId(request)));
        }

        @GET
        @Path("app")
        @RequiresScope(value = "read", userRequired = false)
        public Map<String, Object> app(@Context ContainerRequestContext request) {
            return Map.of("application_id", String.valueOf(Auth.require(request).applicationId()));
        }

        @GET
        @Path("resend")
        @RequiresScope(value = "read", allowUnconfirmed = true)
        public Map<String, Object> resend(@Context ContainerRequestContext request) {
            return Map.of("account_id", String.valueOf(Auth.requireAccountId(request)));
        }

        @GET
        @Path("public")
        public Map<String, Object> open(@Context ContainerRequestContext request) {
            return Map.of("signed_in", Auth.principal(request).isPresent());
        }
    }

    private static final Map<String, Principal> TOKENS = Map.of(
            "user-read", new Principal(1, 7, OptionalLong.of(11), OptionalLong.of(111), Role.USER, Set.of("read")),
            "user-write", new Principal(2, 7, OptionalLong.of(11), OptionalLong.of(111), Role.USER, Set.of("write")),
            "app-only", new Principal(3, 7, OptionalLong.empty(), OptionalLong.empty(), Role.USER, Set.of("read")),
            "unconfirmed", new Principal(4, 7, OptionalLong.of(12), OptionalLong.of(112), Role.USER, Set.of("read"), false));

    private final JerseyHarness http = new JerseyHarness(
            new MastodonJsonProvider(), new ApiExceptionMapper(), new WebApplicationExceptionMapper(), new ThrowableMapper(),
            AuthenticationFilterAccess.create(token -> Optional.ofNullable(TOKENS.get(token))),
            AuthenticationFilterAccess.scopeFilter(), new Guarded());

    @AfterEach
    void close() {
        http.close();
    }

    private JerseyHarness.Response get(String path, String token) {
        JerseyHarness.Request r = http.request("GET", path);
        if (token != null) r.header("Authorization", "Bearer " + token);
        return r.send();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(JerseyHarness.Response r) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    @Test
    void aTokenWithACoveringScopeReachesTheEndpoint() {
        JerseyHarness.Response r = get("/api/v1/guarded/me", "user-read");
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("account_id").asText()).isEqualTo("111");
    }

    @Test
    void missingOrInvalidTokensAre401() {
        JerseyHarness.Response none = get("/api/v1/guarded/me", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(json(none).get("error").asText()).isEqualTo("The access token is invalid");
        JerseyHarness.Response bad = get("/api/v1/guarded/public", "revoked");
        assertThat(bad.status()).as("an invalid token is refused even on a public endpoint").isEqualTo(401);
    }

    @Test
    void aTokenWithoutTheScopeIs403() {
        JerseyHarness.Response r = get("/api/v1/guarded/me", "user-write");
        assertThat(r.status()).isEqualTo(403);
        assertThat(json(r).get("error").asText()).isEqualTo("This action is outside the authorized scopes");
    }

    @Test
    void applicationTokensAreRefusedWhereAUserIsNeeded() {
        assertThat(get("/api/v1/guarded/me", "app-only").status()).isEqualTo(422);
        JerseyHarness.Response app = get("/api/v1/guarded/app", "app-only");
        assertThat(app.status()).isEqualTo(200);
        assertThat(json(app).get("application_id").asText()).isEqualTo("7");
    }

    @Test
    void unconfirmedUsersMayOnlyUseEndpointsThatAllowThem() {
        JerseyHarness.Response refused = get("/api/v1/guarded/me", "unconfirmed");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(json(refused).get("error").asText()).isEqualTo("Your login is missing a confirmed e-mail address");
        assertThat(get("/api/v1/guarded/resend", "unconfirmed").status()).isEqualTo(200);
    }

    @Test
    void publicEndpointsSeeWhetherTheCallerSignedIn() {
        assertThat(json(get("/api/v1/guarded/public", null)).get("signed_in").asBoolean()).isFalse();
        assertThat(json(get("/api/v1/guarded/public", "user-read")).get("signed_in").asBoolean()).isTrue();
    }
}
