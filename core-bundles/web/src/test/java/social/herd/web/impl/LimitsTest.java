package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Body size limit (413) and rate limit (429 with X-RateLimit-* headers). */
class LimitsTest {

    /** An endless-enough stream of JSON whitespace, as a chunked upload would arrive. */
    private static InputStream stream(long size, byte fill) {
        return new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? fill : -1;
            }
        };
    }

    @Test
    void declaredContentLengthOverLimitIs413() {
        try (WebStack stack = new WebStack()) {
            JerseyHarness.Response r = stack.http.request("POST", "/api/v1/echo")
                    .declaredLength("application/json", 4096).send();

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).isEqualTo("{\"error\":\"Request body too large\"}");
        }
    }

    @Test
    void uploadsHaveTheirOwnLargerLimit() {
        try (WebStack stack = new WebStack(java.util.Map.of("max_upload_bytes", 8192))) {
            JerseyHarness.Response upload = stack.http.request("POST", "/api/v1/raw")
                    .body("multipart/form-data; boundary=x", "x".repeat(4096)).send();
            assertThat(upload.status()).as("4 KiB upload under an 8 KiB upload limit").isEqualTo(200);
            JerseyHarness.Response tooBig = stack.http.request("POST", "/api/v1/raw")
                    .declaredLength("multipart/form-data; boundary=x", 9000).send();
            assertThat(tooBig.status()).isEqualTo(413);
            JerseyHarness.Response json = stack.http.request("POST", "/api/v1/echo")
                    .declaredLength("application/json", 4096).send();
            assertThat(json.status()).as("other bodies keep the 1 KiB test limit").isEqualTo(413);
        }
    }

    @Test
    void chunkedJsonBodyOverLimitIs413() {
        try (WebStack stack = new WebStack()) {
            JerseyHarness.Response r = stack.http.request("POST", "/api/v1/echo")
                    .chunkedBody("application/json", stream(5000, (byte) ' ')).send();

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).isEqualTo("{\"error\":\"Request body too large\"}");
            assertThat(stack.http.logged(Level.ERROR)).isEmpty();
        }
    }

    @Test
    void chunkedStreamBodyOverLimitIs413() {
        try (WebStack stack = new WebStack()) {
            JerseyHarness.Response r = stack.http.request("POST", "/api/v1/raw")
                    .chunkedBody("application/octet-stream", stream(5000, (byte) 'x')).send();

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).isEqualTo("{\"error\":\"Request body too large\"}");
            assertThat(stack.http.logged(Level.ERROR)).isEmpty();
        }
    }

    @Test
    void bodyAtTheLimitPasses() {
        try (WebStack stack = new WebStack()) {
            JerseyHarness.Response chunked = stack.http.request("POST", "/api/v1/raw")
                    .chunkedBody("application/octet-stream", stream(1024, (byte) 'x')).send();
            JerseyHarness.Response sized = stack.http.request("POST", "/api/v1/raw")
                    .body("application/octet-stream", "x".repeat(1024)).send();

            assertThat(chunked.status()).isEqualTo(200);
            assertThat(chunked.body()).isEqualTo("1024");
            assertThat(sized.status()).isEqualTo(200);
        }
    }

    @Test
    void rateLimitAnswers429AfterTheLimitWithHeaders() throws Exception {
        try (WebStack stack = new WebStack(Map.of("rate_limit_requests", 3, "rate_limit_window_seconds", 300))) {
            for (int i = 0; i < 3; i++) {
                JerseyHarness.Response ok = stack.http.get("/api/v1/sample");
                assertThat(ok.status()).isEqualTo(200);
                assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("3");
                assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
                assertThat(ok.header("X-RateLimit-Reset")).isEqualTo("2026-11-22T10:05:00.000Z");
            }
            JerseyHarness.Response refused = stack.http.get("/api/v1/sample");

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body()).isEqualTo("{\"error\":\"Too many requests\"}");
            assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.header("X-RateLimit-Reset")).isEqualTo("2026-11-22T10:05:00.000Z");
            assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(refused.header("X-Request-Id")).isNotBlank();

            assertThat(org.slf4j.MDC.get("request_id")).isNull();

            // another client has its own bucket
            assertThat(stack.http.peer("198.51.100.7").get("/api/v1/sample").status()).isEqualTo(200);
        }
    }

    @Test
    void healthAndMetricsAreNotRateLimited() {
        try (WebStack stack = new WebStack(Map.of("rate_limit_requests", 1))) {
            for (int i = 0; i < 5; i++) {
                assertThat(stack.http.get("/health").status()).isEqualTo(200);
                assertThat(stack.http.get("/health/ready").status()).isEqualTo(200);
                assertThat(stack.http.get("/metrics").status()).isEqualTo(200);
            }
            JerseyHarness.Response health = stack.http.get("/health");
            assertThat(health.header("X-RateLimit-Limit")).isNull();
            assertThat(stack.http.get("/api/v1/sample").status()).isEqualTo(200);
            assertThat(stack.http.get("/api/v1/sample").status()).isEqualTo(429);
        }
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        try (WebStack stack = new WebStack(Map.of("trusted_proxies", "10.0.0.0/8"))) {
            stack.http.peer("10.1.2.3").request("GET", "/api/v1/sample")
                    .header("X-Forwarded-For", "203.0.113.9, 10.9.9.9").send();
            stack.http.peer("192.0.2.50").request("GET", "/api/v1/sample")
                    .header("X-Forwarded-For", "203.0.113.77").send();

            assertThat(stack.limiter.hits("api:ip:203.0.113.9")).isEqualTo(1);
            assertThat(stack.limiter.hits("api:ip:10.1.2.3")).isZero();
            assertThat(stack.limiter.hits("api:ip:192.0.2.50")).isEqualTo(1);
            assertThat(stack.limiter.hits("api:ip:203.0.113.77")).isZero();
        }
    }
}
