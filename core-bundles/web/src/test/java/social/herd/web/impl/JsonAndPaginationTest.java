package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;

/** Mastodon JSON conventions through the provider, pagination parameters and Link headers. */
class JsonAndPaginationTest {

    private final WebStack stack = new WebStack();

    @AfterEach
    void close() {
        stack.close();
    }

    @Test
    void entitiesAreSnakeCaseWithMillisecondUtcDatesStringIdsAndNulls() {
        JerseyHarness.Response r = stack.http.get("/api/v1/sample");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":\"109876543210\",\"account_id\":\"42\",\"display_name\":\"Alice\","
                + "\"created_at\":\"2026-11-22T10:00:00.000Z\",\"url\":null,\"followers_count\":7}");
    }

    @Test
    void inputIgnoresUnknownPropertiesAndAcceptsStringIds() throws Exception {
        JerseyHarness.Response r = stack.http.request("POST", "/api/v1/echo").body("application/json",
                "{\"id\":\"5\",\"account_id\":\"77\",\"display_name\":\"Bob\",\"created_at\":\"2026-01-02T03:04:05.678+01:00\","
                        + "\"emojis\":[],\"unknown\":{\"a\":1},\"followers_count\":3}").send();

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.get("account_id").asText()).isEqualTo("77");
        assertThat(body.get("account_id").isTextual()).isTrue();
        assertThat(body.get("created_at").asText()).isEqualTo("2026-01-02T02:04:05.678Z");
        assertThat(body.has("url")).isTrue();
        assertThat(body.get("url").isNull()).isTrue();
    }

    @Test
    void timestampsAreAlwaysMillisecondUtc() {
        assertThat(Json.write(Instant.parse("2026-11-22T10:00:00.123456Z"))).isEqualTo("\"2026-11-22T10:00:00.123Z\"");
        assertThat(Json.write(OffsetDateTime.parse("2026-11-22T12:00:00+02:00"))).isEqualTo("\"2026-11-22T10:00:00.000Z\"");
        assertThat(Json.timestamp(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @Test
    void linkHeaderUsesPublicUrlAndKeepsOtherParameters() {
        JerseyHarness.Response r = stack.http.get("/api/v1/page?limit=100&only_media=true&max_id=500&exclude_types%5B%5D=follow");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[40]");
        assertThat(r.header("Link")).isEqualTo(
                "<https://social.example/api/v1/page?limit=100&only_media=true&exclude_types%5B%5D=follow&max_id=100>; rel=\"next\", "
                        + "<https://social.example/api/v1/page?limit=100&only_media=true&exclude_types%5B%5D=follow&min_id=200>; rel=\"prev\"");
    }

    @Test
    void linkHeaderWithOnlyOneDirectionAndNoQuery() {
        Optional<String> next = PaginationLinks.header(URI.create("https://social.example/"), "/api/v1/timelines/home",
                null, "9", null);
        Optional<String> none = PaginationLinks.header(URI.create("https://social.example"), "/x", "a=1", null, null);

        assertThat(next).contains("<https://social.example/api/v1/timelines/home?max_id=9>; rel=\"next\"");
        assertThat(none).isEmpty();
    }

    @Test
    void pageRequestParsesAndClamps() {
        MultivaluedHashMap<String, String> q = new MultivaluedHashMap<>();
        q.putSingle("max_id", "123");
        q.putSingle("since_id", "");
        q.putSingle("min_id", "7");
        q.putSingle("limit", "500");

        PageRequest page = PageRequest.from(q, 20, 40);

        assertThat(page).isEqualTo(new PageRequest(123L, null, 7L, 40));
        assertThat(page.ascending()).isTrue();
        q.putSingle("limit", "0");
        assertThat(PageRequest.from(q, 20, 40).limit()).isEqualTo(1);
        q.putSingle("limit", "lots");
        assertThat(PageRequest.from(q, 20, 40).limit()).isEqualTo(20);
        q.remove("limit");
        assertThat(PageRequest.from(q, 20, 40).limit()).isEqualTo(20);
    }

    @Test
    void nonNumericIdsAreRejectedWith400() {
        MultivaluedHashMap<String, String> q = new MultivaluedHashMap<>();
        q.putSingle("since_id", "12a");
        assertThatThrownBy(() -> PageRequest.from(q, 20, 40))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("since_id must be a numeric id");
                });
        q.putSingle("since_id", "99999999999999999999");
        assertThatThrownBy(() -> PageRequest.from(q, 20, 40)).isInstanceOf(ApiException.class);
    }
}
