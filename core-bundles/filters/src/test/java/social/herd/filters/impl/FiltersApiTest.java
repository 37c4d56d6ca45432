package social.herd.filters.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.filters.impl.Api.FILTERS;
import static social.herd.filters.impl.Api.enc;
import static social.herd.filters.impl.Api.error;
import static social.herd.filters.impl.Api.ok;
import static social.herd.filters.impl.Api.texts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.web.testing.ApiHarness;

/** {@code /api/v2/filters} and {@code /api/v1/filters} through Jersey: CRUD, nested keywords, ownership, scopes. */
class FiltersApiTest {

    static Fixture f;
    static Api api;

    @BeforeAll
    static void start() {
        f = new Fixture();
        api = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void createFromAFormWithKeywords() {
        long a = Fixture.account();
        JsonNode filter = api.create(a, "title=Spoilers&context[]=home&context[]=public&filter_action=hide"
                + "&keywords_attributes[][keyword]=ending&keywords_attributes[][whole_word]=false"
                + "&keywords_attributes[][keyword]=" + enc("plot twist"));
        assertThat(filter.get("id").isTextual()).isTrue();
        assertThat(filter.get("title").asText()).isEqualTo("Spoilers");
        assertThat(filter.get("context").toString()).isEqualTo("[\"home\",\"public\"]");
        assertThat(filter.get("filter_action").asText()).isEqualTo("hide");
        assertThat(filter.get("expires_at").isNull()).isTrue();
        assertThat(texts(filter.get("keywords"), "keyword")).containsExactly("ending", "plot twist");
        // whole_word defaults to true, as in Mastodon
        assertThat(filter.get("keywords").get(0).get("whole_word").asBoolean()).isFalse();
        assertThat(filter.get("keywords").get(1).get("whole_word").asBoolean()).isTrue();
        assertThat(filter.get("statuses")).isEmpty();

        JsonNode listed = ok(api.get(FILTERS, a));
        assertThat(texts(listed, "id")).containsExactly(filter.get("id").asText());
        assertThat(ok(api.get(FILTERS + "/" + filter.get("id").asText(), a))).isEqualTo(filter);
    }

    @Test
    void createFromJsonWithExpiry() {
        long a = Fixture.account();
        JsonNode filter = ok(api.json("POST", FILTERS, a, """
                {"title":"Temporary","context":["notifications"],"expires_in":3600,
                 "keywords_attributes":[{"keyword":"Giveaway","whole_word":true}]}"""));
        assertThat(filter.get("filter_action").asText()).isEqualTo("warn");
        assertThat(filter.get("expires_at").asText()).isEqualTo("2026-11-22T11:00:00.000Z");
        assertThat(filter.get("keywords").get(0).get("keyword").asText()).isEqualTo("Giveaway");
        // expires_in null (JSON) clears the expiry
        JsonNode cleared = ok(api.json("PUT", FILTERS + "/" + filter.get("id").asText(), a, "{\"expires_in\":null}"));
        assertThat(cleared.get("expires_at").isNull()).isTrue();
        assertThat(cleared.get("title").asText()).isEqualTo("Temporary");
    }

    @Test
    void updateAddsChangesAndDestroysKeywords() {
        long a = Fixture.account();
        JsonNode filter = api.create(a, "title=Words&context[]=home&keywords_attributes[][keyword]=one"
                + "&keywords_attributes[][keyword]=two&keywords_attributes[][keyword]=three");
        String id = filter.get("id").asText();
        String one = filter.get("keywords").get(0).get("id").asText();
        String two = filter.get("keywords").get(1).get("id").asText();
        String three = filter.get("keywords").get(2).get("id").asText();

        JsonNode updated = ok(api.form("PUT", FILTERS + "/" + id, a, "title=Renamed&context[]=thread&context[]=account"
                + "&keywords_attributes[][id]=" + one + "&keywords_attributes[][keyword]=uno&keywords_attributes[][whole_word]=false"
                + "&keywords_attributes[][id]=" + two + "&keywords_attributes[][keyword]=two&keywords_attributes[][_destroy]=1"
                // Rails' rule: only a field the previous entry already has starts a new entry
                + "&keywords_attributes[][keyword]=four"));
        assertThat(updated.get("title").asText()).isEqualTo("Renamed");
        assertThat(updated.get("context").toString()).isEqualTo("[\"thread\",\"account\"]");
        assertThat(texts(updated.get("keywords"), "keyword")).containsExactly("uno", "three", "four");
        assertThat(texts(updated.get("keywords"), "id")).startsWith(one, three);
        assertThat(updated.get("keywords").get(0).get("whole_word").asBoolean()).isFalse();

        // Rails' indexed form and JSON work the same way; fields not sent are kept
        JsonNode indexed = ok(api.form("PUT", FILTERS + "/" + id, a,
                "keywords_attributes[0][id]=" + three + "&keywords_attributes[0][_destroy]=true"));
        assertThat(texts(indexed.get("keywords"), "keyword")).containsExactly("uno", "four");
        assertThat(indexed.get("title").asText()).isEqualTo("Renamed");
        JsonNode json = ok(api.json("PUT", FILTERS + "/" + id, a,
                "{\"filter_action\":\"hide\",\"keywords_attributes\":[{\"id\":\"" + one + "\",\"whole_word\":true}]}"));
        assertThat(json.get("filter_action").asText()).isEqualTo("hide");
        assertThat(json.get("keywords").get(0).get("keyword").asText()).isEqualTo("uno");
        assertThat(json.get("keywords").get(0).get("whole_word").asBoolean()).isTrue();

        assertThat(ok(api.delete(FILTERS + "/" + id, a)).toString()).isEqualTo("{}");
        assertThat(error(api.get(FILTERS + "/" + id, a), 404)).isEqualTo("Record not found");
        assertThat(f.count("SELECT count(*) FROM custom_filter_keywords WHERE filter_id = " + id)).isZero();
    }

    @Test
    void keywordAndStatusEndpoints() {
        long a = Fixture.account();
        String id = api.filter(a, "Rules", "warn", null, true, "home");
        JsonNode k = ok(api.form("POST", FILTERS + "/" + id + "/keywords", a, "keyword=cats&whole_word=false"));
        assertThat(k.get("keyword").asText()).isEqualTo("cats");
        assertThat(k.get("whole_word").asBoolean()).isFalse();
        JsonNode k2 = ok(api.json("POST", FILTERS + "/" + id + "/keywords", a, "{\"keyword\":\"dogs\"}"));
        assertThat(k2.get("whole_word").asBoolean()).isTrue();
        assertThat(texts(ok(api.get(FILTERS + "/" + id + "/keywords", a)), "keyword")).containsExactly("cats", "dogs");
        String kid = k.get("id").asText();
        assertThat(ok(api.get(FILTERS + "/keywords/" + kid, a))).isEqualTo(k);
        JsonNode changed = ok(api.form("PUT", FILTERS + "/keywords/" + kid, a, "keyword=kittens"));
        assertThat(changed.get("keyword").asText()).isEqualTo("kittens");
        assertThat(changed.get("whole_word").asBoolean()).isFalse();
        assertThat(ok(api.delete(FILTERS + "/keywords/" + kid, a)).toString()).isEqualTo("{}");
        assertThat(error(api.get(FILTERS + "/keywords/" + kid, a), 404)).isEqualTo("Record not found");

        JsonNode s = ok(api.form("POST", FILTERS + "/" + id + "/statuses", a, "status_id=123456"));
        assertThat(s.get("status_id").asText()).isEqualTo("123456");
        assertThat(error(api.form("POST", FILTERS + "/" + id + "/statuses", a, "status_id=123456"), 422))
                .isEqualTo("Validation failed: Status has already been taken");
        f.statuses.hidden.add(777L);
        assertThat(error(api.json("POST", FILTERS + "/" + id + "/statuses", a, "{\"status_id\":\"777\"}"), 422))
                .isEqualTo("Validation failed: Status must exist");
        assertThat(error(api.form("POST", FILTERS + "/" + id + "/statuses", a, ""), 422)).isEqualTo("Validation failed: Status must exist");
        assertThat(texts(ok(api.get(FILTERS + "/" + id + "/statuses", a)), "status_id")).containsExactly("123456");
        String sid = s.get("id").asText();
        assertThat(ok(api.get(FILTERS + "/statuses/" + sid, a))).isEqualTo(s);
        JsonNode filter = ok(api.get(FILTERS + "/" + id, a));
        assertThat(texts(filter.get("keywords"), "keyword")).containsExactly("dogs");
        assertThat(texts(filter.get("statuses"), "status_id")).containsExactly("123456");
        assertThat(ok(api.delete(FILTERS + "/statuses/" + sid, a)).toString()).isEqualTo("{}");
        assertThat(ok(api.get(FILTERS + "/" + id + "/statuses", a))).isEmpty();
    }

    @Test
    void anotherAccountsFiltersAreNotFound() {
        long a = Fixture.account();
        long b = Fixture.account();
        String id = api.filter(a, "Mine", "warn", "secret", true, "home");
        String kid = ok(api.get(FILTERS + "/" + id, a)).get("keywords").get(0).get("id").asText();
        String sid = ok(api.form("POST", FILTERS + "/" + id + "/statuses", a, "status_id=42")).get("id").asText();

        assertThat(ok(api.get(FILTERS, b))).isEmpty();
        assertThat(ok(api.get("/api/v1/filters", b))).isEmpty();
        for (var r : new ApiHarness.Response[] {api.get(FILTERS + "/" + id, b), api.form("PUT", FILTERS + "/" + id, b, "title=Stolen"),
                api.delete(FILTERS + "/" + id, b), api.get(FILTERS + "/" + id + "/keywords", b),
                api.form("POST", FILTERS + "/" + id + "/keywords", b, "keyword=x"), api.get(FILTERS + "/keywords/" + kid, b),
                api.form("PUT", FILTERS + "/keywords/" + kid, b, "keyword=x"), api.delete(FILTERS + "/keywords/" + kid, b),
                api.get(FILTERS + "/" + id + "/statuses", b), api.form("POST", FILTERS + "/" + id + "/statuses", b, "status_id=1"),
                api.get(FILTERS + "/statuses/" + sid, b), api.delete(FILTERS + "/statuses/" + sid, b),
                api.get("/api/v1/filters/" + kid, b)}) {
            assertThat(error(r, 404)).isEqualTo("Record not found");
        }
        // b's own filter cannot take over a's keyword through keywords_attributes either
        String mine = api.filter(b, "Theirs", "warn", null, true, "home");
        assertThat(error(api.form("PUT", FILTERS + "/" + mine, b, "keywords_attributes[][id]=" + kid
                + "&keywords_attributes[][keyword]=gotcha"), 404)).isEqualTo("Record not found");
        JsonNode intact = ok(api.get(FILTERS + "/" + id, a));
        assertThat(intact.get("title").asText()).isEqualTo("Mine");
        assertThat(texts(intact.get("keywords"), "keyword")).containsExactly("secret");
    }

    @Test
    void validationErrorsInMastodonsShape() {
        long a = Fixture.account();
        assertThat(error(api.form("POST", FILTERS, a, "context[]=home"), 422)).isEqualTo("Validation failed: Title can't be blank");
        assertThat(error(api.form("POST", FILTERS, a, "title=x"), 422)).isEqualTo("Validation failed: Context can't be blank");
        assertThat(error(api.json("POST", FILTERS, a, "{\"title\":\"x\",\"context\":[]}"), 422))
                .isEqualTo("Validation failed: Context can't be blank");
        assertThat(error(api.form("POST", FILTERS, a, "title=x&context[]=home&context[]=everywhere"), 422))
                .isEqualTo("Validation failed: Context None or invalid context supplied");
        assertThat(error(api.form("POST", FILTERS, a, "title=x&context[]=home&filter_action=explode"), 422))
                .isEqualTo("Validation failed: Filter action is not included in the list");
        assertThat(error(api.form("POST", FILTERS, a, "title=x&context[]=home&expires_in=soon"), 422))
                .isEqualTo("Validation failed: Expires in is invalid");
        assertThat(error(api.form("POST", FILTERS, a, "title=x&context[]=home&keywords_attributes[][keyword]=%20"), 422))
                .isEqualTo("Validation failed: Keyword can't be blank");
        assertThat(error(api.form("POST", FILTERS, a, "title=" + "t".repeat(257) + "&context[]=home"), 422))
                .startsWith("Validation failed: Title is too long");
        assertThat(error(api.form("POST", FILTERS, a, "title=x&context[]=home&keywords_attributes[][keyword]=" + "k".repeat(513)), 422))
                .startsWith("Validation failed: Keyword is too long");
        StringBuilder many = new StringBuilder("title=x&context[]=home");
        for (int i = 0; i <= FilterRules.MAX_KEYWORDS; i++) many.append("&keywords_attributes[][keyword]=k").append(i);
        assertThat(error(api.form("POST", FILTERS, a, many.toString()), 422)).startsWith("Validation failed: Keywords are too many");
        String id = api.filter(a, "Valid", "warn", null, true, "home");
        assertThat(error(api.form("PUT", FILTERS + "/" + id, a, "title=%20"), 422)).isEqualTo("Validation failed: Title can't be blank");
        assertThat(error(api.form("PUT", FILTERS + "/" + id, a, "context[]="), 422))
                .isEqualTo("Validation failed: Context None or invalid context supplied");
        assertThat(error(api.form("POST", FILTERS + "/" + id + "/keywords", a, "whole_word=true"), 422))
                .isEqualTo("Validation failed: Keyword can't be blank");
        // nothing of the refused requests was stored
        assertThat(texts(ok(api.get(FILTERS, a)), "title")).containsExactly("Valid");
    }

    @Test
    void filtersPerAccountAreLimited() {
        long a = Fixture.account();
        for (int i = 0; i < FilterRules.MAX_FILTERS; i++) {
            f.filters.create(a, new FilterRequest("f" + i, java.util.List.of("home"), null, null, null));
        }
        assertThat(error(api.form("POST", FILTERS, a, "title=onemore&context[]=home"), 422))
                .startsWith("Validation failed: Maximum number of filters reached");
    }

    @Test
    void scopesAndTokens() {
        long a = Fixture.account();
        assertThat(error(api.http.get(FILTERS, null), 401)).isEqualTo("The access token is invalid");
        String readOnly = "scoped:" + a + ":" + a + ":read:filters";
        assertThat(api.http.get(FILTERS, readOnly).status()).isEqualTo(200);
        assertThat(error(api.http.form("POST", FILTERS, readOnly, "title=x&context[]=home"), 403))
                .isEqualTo("This action is outside the authorized scopes");
        String writeOnly = "scoped:" + a + ":" + a + ":write:filters";
        assertThat(api.http.form("POST", FILTERS, writeOnly, "title=x&context[]=home").status()).isEqualTo(200);
        assertThat(error(api.http.get(FILTERS, writeOnly), 403)).isEqualTo("This action is outside the authorized scopes");
    }

    @Test
    void v1ListsOneFilterPerKeyword() {
        long a = Fixture.account();
        String id = api.filter(a, "Old clients", "hide", "crypto", false, "home", "public");
        ok(api.form("POST", FILTERS + "/" + id + "/keywords", a, "keyword=nft"));
        ok(api.form("POST", FILTERS + "/" + id + "/statuses", a, "status_id=5"));
        JsonNode v1 = ok(api.get("/api/v1/filters", a));
        assertThat(texts(v1, "phrase")).containsExactly("crypto", "nft");
        JsonNode first = v1.get(0);
        assertThat(first.get("context").toString()).isEqualTo("[\"home\",\"public\"]");
        assertThat(first.get("irreversible").asBoolean()).isTrue();
        assertThat(first.get("whole_word").asBoolean()).isFalse();
        assertThat(first.has("expires_at")).isTrue();
        assertThat(ok(api.get("/api/v1/filters/" + first.get("id").asText(), a))).isEqualTo(first);
        assertThat(ok(api.get("/api/v1/filters", Fixture.account()))).isEmpty();
    }
}
