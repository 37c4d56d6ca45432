package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/** Shorthands over {@link Http} for this bundle's tests. */
final class Api {

    final Fixture f;
    final Http http;

    Api(Fixture f) {
        this.f = f;
        this.http = new Http(f);
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

    ApiHarness.Response postForm(long account, String form) {
        return http.form("POST", "/api/v1/statuses", Http.token(account), form);
    }

    /** Posts {@code text} with extra form parameters (already encoded, "&a=b...") and answers the status. */
    JsonNode post(long account, String text, String extra) {
        return ok(postForm(account, "status=" + enc(text) + extra));
    }

    JsonNode post(long account, String text) {
        return post(account, text, "");
    }

    /** PUT /api/v1/statuses/:id with a form. */
    ApiHarness.Response edit(long account, String statusId, String form) {
        return http.form("PUT", "/api/v1/statuses/" + statusId, Http.token(account), form);
    }

    ApiHarness.Response get(String path, Long account) {
        return http.get(path, account == null ? null : Http.token(account));
    }

    ApiHarness.Response action(long account, String statusId, String action) {
        return http.send("POST", "/api/v1/statuses/" + statusId + "/" + action, Http.token(account), null, null);
    }

    ApiHarness.Response idempotent(long account, String form, String key) {
        return http.send("POST", "/api/v1/statuses", Http.token(account), "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8), Map.of("Idempotency-Key", key));
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(s -> out.add(s.get("id").asText()));
        return out;
    }

    /** The path and query of the Link header's {@code rel} link, or null. */
    static String link(ApiHarness.Response r, String rel) {
        String header = r.headers().get("link");
        if (header == null) return null;
        Matcher m = Pattern.compile("<https://social\\.example([^>]*)>; rel=\"" + rel + "\"").matcher(header);
        return m.find() ? m.group(1) : null;
    }
}
