package social.herd.timelines.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.timelines.impl.Api.error;
import static social.herd.timelines.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.web.testing.ApiHarness;

/** {@code /api/v1/markers}: reading and setting positions, versions, form and JSON bodies, errors. */
class MarkersTest {

    static Fixture f;
    static Api http;

    @BeforeAll
    static void start() {
        f = new Fixture();
        http = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    JsonNode markers(long viewer) {
        return ok(http.get("/api/v1/markers?timeline[]=home&timeline[]=notifications", viewer));
    }

    @Test
    void setAndReadWithVersionsCountingUpdates() {
        long me = f.directory.create("reader");
        assertThat(markers(me)).isEmpty();
        JsonNode set = ok(http.form("POST", "/api/v1/markers", ApiHarness.token(me), "home[last_read_id]=103"));
        assertThat(set.get("home").get("last_read_id").asText()).isEqualTo("103");
        assertThat(set.get("home").get("version").asInt()).isZero();
        assertThat(set.get("home").get("updated_at").asText()).endsWith("Z");
        assertThat(set.has("notifications")).isFalse();

        JsonNode both = ok(http.json("POST", "/api/v1/markers", ApiHarness.token(me),
                "{\"home\":{\"last_read_id\":\"110\"},\"notifications\":{\"last_read_id\":\"7\"}}"));
        assertThat(both.get("home").get("version").asInt()).isEqualTo(1);
        assertThat(both.get("notifications").get("version").asInt()).isZero();

        ok(http.form("POST", "/api/v1/markers", ApiHarness.token(me), "home[last_read_id]=120"));
        JsonNode read = markers(me);
        assertThat(read.get("home").get("last_read_id").asText()).isEqualTo("120");
        assertThat(read.get("home").get("version").asInt()).isEqualTo(2);
        assertThat(read.get("notifications").get("last_read_id").asText()).isEqualTo("7");
        // only the timelines asked for; each user has their own
        assertThat(ok(http.get("/api/v1/markers?timeline[]=notifications", me)).has("home")).isFalse();
        assertThat(ok(http.get("/api/v1/markers", me))).isEmpty();
        assertThat(markers(f.directory.create("other"))).isEmpty();
    }

    @Test
    void unknownTimelinesAreIgnoredAndBadIdsRefused() {
        long me = f.directory.create("careless");
        assertThat(ok(http.form("POST", "/api/v1/markers", ApiHarness.token(me), "public[last_read_id]=5"))).isEmpty();
        assertThat(ok(http.get("/api/v1/markers?timeline[]=public", me))).isEmpty();
        assertThat(error(http.form("POST", "/api/v1/markers", ApiHarness.token(me), "home[last_read_id]=abc"), 422))
                .contains("home[last_read_id]");
        assertThat(error(http.form("POST", "/api/v1/markers", ApiHarness.token(me), "home[last_read_id]="), 422))
                .contains("can't be blank");
        // nothing was stored by the refused requests
        assertThat(markers(me)).isEmpty();
    }

    @Test
    void scopes() {
        long me = f.directory.create("scoped");
        assertThat(error(http.send("GET", "/api/v1/markers", Api.scoped(me, "read:notifications")), 403))
                .isEqualTo("This action is outside the authorized scopes");
        ok(http.send("GET", "/api/v1/markers", Api.scoped(me, "read:statuses")));
        assertThat(error(http.form("POST", "/api/v1/markers", Api.scoped(me, "read:statuses"), "home[last_read_id]=1"),
                403)).isEqualTo("This action is outside the authorized scopes");
        ok(http.form("POST", "/api/v1/markers", Api.scoped(me, "write:statuses"), "home[last_read_id]=1"));
    }
}
