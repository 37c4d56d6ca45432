package social.herd.filters.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import social.herd.filters.impl.web.FilterKeywordsResource;
import social.herd.filters.impl.web.FilterStatusesResource;
import social.herd.filters.impl.web.FiltersResource;
import social.herd.filters.impl.web.FiltersV1Resource;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/** Shorthands over the web bundle's {@link ApiHarness} for this bundle's tests. */
final class Api {

    static final String FILTERS = "/api/v2/filters";

    final Fixture f;
    final ApiHarness http;

    Api(Fixture f) {
        this.f = f;
        this.http = new ApiHarness(new FiltersResource(f.filters), new FilterKeywordsResource(f.rules),
                new FilterStatusesResource(f.rules), new FiltersV1Resource(f.filters));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode json(ApiHarness.Response r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static JsonNode ok(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    /** The error text of a failed response with the given status. */
    static String error(ApiHarness.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return json(r).get("error").asText();
    }

    ApiHarness.Response form(String method, String path, long account, String form) {
        return http.form(method, path, ApiHarness.token(account), form);
    }

    ApiHarness.Response json(String method, String path, long account, String json) {
        return http.json(method, path, ApiHarness.token(account), json);
    }

    ApiHarness.Response get(String path, long account) {
        return http.get(path, ApiHarness.token(account));
    }

    ApiHarness.Response delete(String path, long account) {
        return http.send("DELETE", path, ApiHarness.token(account), null, null, java.util.Map.of());
    }

    /** Creates a filter from a form ("title=...&context[]=...") and answers it. */
    JsonNode create(long account, String form) {
        return ok(form("POST", FILTERS, account, form));
    }

    /** A filter in {@code contexts} with one keyword; answers its id. */
    String filter(long account, String title, String action, String keyword, boolean wholeWord, String... contexts) {
        StringBuilder b = new StringBuilder("title=" + enc(title) + "&filter_action=" + action);
        for (String c : contexts) b.append("&context[]=").append(c);
        if (keyword != null) {
            b.append("&keywords_attributes[][keyword]=").append(enc(keyword))
                    .append("&keywords_attributes[][whole_word]=").append(wholeWord);
        }
        return create(account, b.toString()).get("id").asText();
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
