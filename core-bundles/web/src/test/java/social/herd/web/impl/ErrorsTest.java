package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.herd.web.api.Json;

/** Every 4xx/5xx is {@code {"error": "..."}} JSON; bad input never logs at ERROR. */
class ErrorsTest {

    private final WebStack stack = new WebStack();

    @AfterEach
    void close() {
        stack.close();
    }

    private static JsonNode json(JerseyHarness.Response response) throws Exception {
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return Json.mapper().readTree(response.body());
    }

    @Test
    void malformedJsonIs400WithShortReasonAndNoErrorLog() throws Exception {
        JerseyHarness.Response r = stack.http.request("POST", "/api/v1/echo")
                .body("application/json", "{\"display_name\": \"x\",").send();

        assertThat(r.status()).isEqualTo(400);
        String error = json(r).get("error").asText();
        assertThat(error).startsWith("Malformed JSON: ");
        assertThat(error).doesNotContain("java.", "com.fasterxml", "Source:", "line:");
        assertThat(json(r).size()).isEqualTo(1);
        assertThat(stack.http.logged(Level.WARN)).isEmpty();
    }

    @Test
    void wrongTypeIs400NamingTheFieldWithoutClassNames() throws Exception {
        JerseyHarness.Response r = stack.http.request("POST", "/api/v1/echo")
                .body("application/json", "{\"followers_count\": {\"nested\": true}}").send();

        assertThat(r.status()).isEqualTo(400);
        String error = json(r).get("error").asText();
        assertThat(error).isEqualTo("Malformed JSON: unexpected value for 'followers_count'");
        assertThat(stack.http.logged(Level.WARN)).isEmpty();
    }

    @Test
    void syntaxErrorReasonHasNoJavaClassNames() throws Exception {
        JerseyHarness.Response r = stack.http.request("POST", "/api/v1/echo")
                .body("application/json", "{\"display_name\": tru}").send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).startsWith("Malformed JSON: Unrecognized token 'tru'")
                .doesNotContain("java.", "com.fasterxml", "`", "line:");
    }

    @Test
    void wrongShapeAtTheRootAndBadFormatsAre400() throws Exception {
        JerseyHarness.Response array = stack.http.request("POST", "/api/v1/echo")
                .body("application/json", "[1, 2]").send();
        JerseyHarness.Response date = stack.http.request("POST", "/api/v1/echo")
                .body("application/json", "{\"created_at\": \"yesterday\"}").send();
        JerseyHarness.Response trailing = stack.http.request("POST", "/api/v1/echo")
                .body("application/json", "{} {}").send();

        assertThat(array.status()).isEqualTo(400);
        assertThat(json(array).get("error").asText()).isEqualTo("Malformed JSON: unexpected value for request body");
        assertThat(date.status()).isEqualTo(400);
        assertThat(json(date).get("error").asText()).isEqualTo("Malformed JSON: invalid value for 'created_at'");
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(json(trailing).get("error").asText()).startsWith("Malformed JSON: ").doesNotContain("`", "java.");
        assertThat(stack.http.logged(Level.WARN)).isEmpty();
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        JerseyHarness.Response r = stack.http.get("/api/v1/nothing-here");

        assertThat(r.status()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).isEqualTo("Not found");
    }

    @Test
    void wrongMethodIs405JsonWithAllow() throws Exception {
        JerseyHarness.Response r = stack.http.request("DELETE", "/api/v1/sample").send();

        assertThat(r.status()).isEqualTo(405);
        assertThat(json(r).get("error").asText()).isEqualTo("Method not allowed");
        assertThat(r.header("Allow")).contains("GET");
    }

    @Test
    void wrongContentTypeIs415Json() throws Exception {
        JerseyHarness.Response r = stack.http.request("POST", "/api/v1/echo").body("text/csv", "a,b").send();

        assertThat(r.status()).isEqualTo(415);
        assertThat(json(r).get("error").asText()).isEqualTo("Unsupported media type");
    }

    @Test
    void unacceptableIs406Json() throws Exception {
        JerseyHarness.Response r = stack.http.request("GET", "/api/v1/sample").header("Accept", "image/png").send();

        assertThat(r.status()).isEqualTo(406);
        assertThat(json(r).get("error").asText()).isEqualTo("Not acceptable");
    }

    @Test
    void apiExceptionKeepsStatusAndDescription() throws Exception {
        JerseyHarness.Response r = stack.http.get("/api/v1/api-error");

        assertThat(r.status()).isEqualTo(422);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo("Validation failed: Text can't be blank");
        assertThat(body.get("error_description").asText()).isEqualTo("text is required");
        assertThat(stack.http.logged(Level.WARN)).isEmpty();
    }

    @Test
    void nonNumericPaginationIdIs400() throws Exception {
        JerseyHarness.Response r = stack.http.get("/api/v1/page?max_id=abc");

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("max_id must be a numeric id");
    }

    @Test
    void bugIs500WithoutDetailsAndLoggedOnceAtErrorWithRequestId() throws Exception {
        JerseyHarness.Response r = stack.http.request("GET", "/api/v1/boom").header("X-Request-Id", "req-500").send();

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":\"Internal server error\"}");
        List<ILoggingEvent> errors = stack.http.logged(Level.ERROR);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getFormattedMessage()).contains("req-500");
        assertThat(errors.get(0).getThrowableProxy()).isNotNull();
        assertThat(errors.get(0).getMDCPropertyMap()).containsEntry("request_id", "req-500");
    }
}
