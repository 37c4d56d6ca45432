package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** CORS as Mastodon does it, and request ids. */
class CorsAndRequestIdTest {

    private final WebStack stack = new WebStack();

    @AfterEach
    void close() {
        stack.close();
    }

    @Test
    void apiResponsesAllowAnyOriginAndExposeHeaders() {
        JerseyHarness.Response r = stack.http.request("GET", "/api/v1/sample")
                .header("Origin", "https://elk.zone").send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("Access-Control-Expose-Headers"))
                .isEqualTo("Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id");
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void errorsOnApiPathsCarryCorsToo() {
        JerseyHarness.Response r = stack.http.get("/api/v1/unknown");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void preflightIsAnswered200() {
        JerseyHarness.Response r = stack.http.request("OPTIONS", "/api/v1/statuses")
                .header("Origin", "https://elk.zone")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key, x-custom")
                .send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, PUT, PATCH, DELETE, OPTIONS");
        assertThat(r.header("Access-Control-Allow-Headers"))
                .isEqualTo("Authorization, Content-Type, Idempotency-Key, x-custom");
        assertThat(r.header("Access-Control-Max-Age")).isEqualTo("7200");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void preflightOnOauthTokenAndWellKnown() {
        JerseyHarness.Response token = stack.http.request("OPTIONS", "/oauth/token")
                .header("Origin", "https://elk.zone").header("Access-Control-Request-Method", "POST").send();
        JerseyHarness.Response webfinger = stack.http.request("OPTIONS", "/.well-known/webfinger")
                .header("Origin", "https://elk.zone").header("Access-Control-Request-Method", "GET").send();

        assertThat(token.status()).isEqualTo(200);
        assertThat(token.header("Access-Control-Allow-Methods")).isEqualTo("POST, OPTIONS");
        assertThat(webfinger.status()).isEqualTo(200);
        assertThat(webfinger.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(stack.http.get("/nodeinfo/2.0").header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void otherPathsGetNoCors() {
        JerseyHarness.Response r = stack.http.request("GET", "/health").header("Origin", "https://evil.example").send();
        JerseyHarness.Response authorize = stack.http.get("/oauth/authorize");

        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(authorize.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void safeIncomingRequestIdIsEchoedAndInTheMdc() {
        JerseyHarness.Response r = stack.http.request("GET", "/api/v1/request-id")
                .header("X-Request-Id", "abc-123_x.y").send();

        assertThat(r.header("X-Request-Id")).isEqualTo("abc-123_x.y");
        assertThat(r.body()).isEqualTo("abc-123_x.y");
        assertThat(MDC.get("request_id")).isNull();
    }

    @Test
    void unsafeOrMissingRequestIdIsReplaced() {
        JerseyHarness.Response unsafe = stack.http.request("GET", "/api/v1/request-id")
                .header("X-Request-Id", "<script>alert(1)</script>").send();
        JerseyHarness.Response tooLong = stack.http.request("GET", "/api/v1/request-id")
                .header("X-Request-Id", "a".repeat(200)).send();
        JerseyHarness.Response missing = stack.http.get("/api/v1/request-id");

        assertThat(unsafe.header("X-Request-Id")).matches("[0-9a-f-]{36}").isEqualTo(unsafe.body());
        assertThat(tooLong.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(missing.header("X-Request-Id")).matches("[0-9a-f-]{36}")
                .isNotEqualTo(unsafe.header("X-Request-Id"));
        assertThat(stack.http.get("/api/v1/nope").header("X-Request-Id")).isNotBlank();
        assertThat(MDC.get("request_id")).isNull();
    }
}
