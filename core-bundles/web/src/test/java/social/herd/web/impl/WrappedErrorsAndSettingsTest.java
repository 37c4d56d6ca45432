package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;
import social.herd.web.impl.errors.ExceptionResponses;

/** Request errors wrapped by Jersey are still answered as what they are; settings parse safely. */
class WrappedErrorsAndSettingsTest {

    private static JacksonException parseError() {
        try {
            Json.mapper().readTree("{oops");
            throw new AssertionError("expected a parse error");
        } catch (JacksonException e) {
            return e;
        }
    }

    @Test
    void jsonErrorsWrappedByJerseyAre400() {
        Response processing = ExceptionResponses.toResponse(new ProcessingException("reading entity", parseError()));
        Response badRequest = ExceptionResponses.toResponse(new BadRequestException(parseError()));
        Response runtime = ExceptionResponses.toResponse((Throwable) new RuntimeException(new ProcessingException(parseError())));

        for (Response r : List.of(processing, badRequest, runtime)) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat((String) r.getEntity()).startsWith("{\"error\":\"Malformed JSON: Unexpected character ('o'");
        }
    }

    @Test
    void apiExceptionWrappedIsAnsweredAsItself() {
        Response r = ExceptionResponses.toResponse(new IllegalStateException(ApiException.notFound()));

        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(r.getEntity()).isEqualTo("{\"error\":\"Record not found\"}");
    }

    @Test
    void serialisationBugsAre500NotMalformedJson() {
        JacksonException writeError;
        try {
            Json.mapper().writeValueAsString(new Object() {
                public String getBroken() {
                    throw new IllegalStateException("getter bug");
                }
            });
            throw new AssertionError("expected a serialisation error");
        } catch (JacksonException e) {
            writeError = e;
        }
        Response r = ExceptionResponses.toResponse(writeError);

        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(r.getEntity()).isEqualTo("{\"error\":\"Internal server error\"}");
    }

    @Test
    void settingsDefaultsAndBadValues() {
        WebSettings defaults = WebSettings.defaults();
        WebSettings parsed = WebSettings.from(Map.of("max_body_bytes", "2048", "rate_limit_requests", "-3",
                "rate_limit_window_seconds", "abc", "trusted_proxies", new String[] {"10.0.0.0/8, 127.0.0.1", "::1"}));

        assertThat(defaults).isEqualTo(new WebSettings(1_048_576, 40L * 1_048_576, 300, Duration.ofMinutes(5), List.of()));
        assertThat(parsed).isEqualTo(new WebSettings(2048, 40L * 1_048_576, 300, Duration.ofMinutes(5),
                List.of("10.0.0.0/8", "127.0.0.1", "::1")));
    }
}
