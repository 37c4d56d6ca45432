package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.herd.api.health.HealthCheck;
import social.herd.api.health.HealthStatus;
import social.herd.web.api.Json;

/** /health, /health/ready aggregation and /metrics with HTTP metrics by route template. */
class HealthAndMetricsTest {

    private final WebStack stack = new WebStack();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void close() {
        never.countDown();
        stack.close();
    }

    private static HealthCheck check(String name, HealthStatus status) {
        return new HealthCheck() {
            @Override
            public String name() { return name; }

            @Override
            public HealthStatus check() { return status; }
        };
    }

    private JsonNode ready(int expectedStatus) throws Exception {
        JerseyHarness.Response r = stack.http.get("/health/ready");
        assertThat(r.status()).isEqualTo(expectedStatus);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        return Json.mapper().readTree(r.body());
    }

    @Test
    void livenessIsUpWithoutChecks() {
        stack.withCheck(check("database", HealthStatus.down("refused")));
        JerseyHarness.Response r = stack.http.get("/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"up\"}");
    }

    @Test
    void readyWithAllUpIs200Up() throws Exception {
        stack.withCheck(check("redis", HealthStatus.up("ok"))).withCheck(check("database", HealthStatus.up("17.6")));

        JsonNode body = ready(200);

        assertThat(body.get("status").asText()).isEqualTo("up");
        assertThat(body.get("checks").toString()).isEqualTo(
                "[{\"name\":\"database\",\"status\":\"up\",\"detail\":\"17.6\"},"
                        + "{\"name\":\"redis\",\"status\":\"up\",\"detail\":\"ok\"}]");
    }

    @Test
    void readyWithDegradedIs200Degraded() throws Exception {
        stack.withCheck(check("database", HealthStatus.up(""))).withCheck(check("redis", HealthStatus.degraded("slow")));

        assertThat(ready(200).get("status").asText()).isEqualTo("degraded");
    }

    @Test
    void readyWithDownIs503() throws Exception {
        stack.withCheck(check("redis", HealthStatus.degraded("slow"))).withCheck(check("database", HealthStatus.down("refused")));

        JsonNode body = ready(503);

        assertThat(body.get("status").asText()).isEqualTo("down");
        assertThat(body.get("checks").get(0).get("status").asText()).isEqualTo("down");
        assertThat(body.get("checks").get(0).get("detail").asText()).isEqualTo("refused");
    }

    @Test
    void hangingOrThrowingCheckCountsAsDownWithinTheBound() throws Exception {
        stack.withCheck(new HealthCheck() {
            @Override
            public String name() { return "search"; }

            @Override
            public HealthStatus check() {
                try {
                    never.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return HealthStatus.up("late");
            }
        }).withCheck(new HealthCheck() {
            @Override
            public String name() { return "mail"; }

            @Override
            public HealthStatus check() { throw new IllegalStateException("boom"); }
        });

        long start = System.nanoTime();
        JsonNode body = ready(503);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
        assertThat(body.get("checks").get(0).get("detail").asText()).isEqualTo("check failed: IllegalStateException");
        assertThat(body.get("checks").get(1).get("detail").asText()).isEqualTo("no answer within 300 ms");
    }

    @Test
    void metricsRecordRouteTemplatesNeverRawPaths() {
        stack.http.get("/api/v1/items/12345");
        stack.http.get("/api/v1/items/67890");
        stack.http.get("/api/v1/no/such/thing/999");

        JerseyHarness.Response r = stack.http.get("/metrics");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4", "charset=utf-8");
        assertThat(r.body())
                .contains("# TYPE herd_http_requests_total counter\n")
                .contains("herd_http_requests_total{method=\"GET\",route=\"/api/v1/items/{id}\",status=\"200\"} 2\n")
                .contains("herd_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n")
                .contains("# TYPE herd_http_request_duration_seconds histogram\n")
                .contains("herd_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/items/{id}\"} 2\n")
                .contains("herd_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/items/{id}\",le=\"+Inf\"} 2\n")
                // raw paths would show up as labels; bare digits may occur in values (0.000999...)
                .doesNotContain("/12345", "/67890", "/999");
    }
}
