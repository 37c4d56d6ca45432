package social.herd.timelines.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.herd.timelines.impl.web.ConversationsResource;
import social.herd.timelines.impl.web.MarkersResource;
import social.herd.timelines.impl.web.NotificationsResource;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/**
 * This bundle's resources in the web bundle's {@link ApiHarness} (real JSON provider, error mappers
 * and scope filter), with shorthands for these tests. Users have user id = account id
 * ({@link ApiHarness#token}).
 */
final class Api {

    private final ApiHarness harness;

    Api(Fixture f) {
        harness = new ApiHarness(new NotificationsResource(f.queries, f.settings),
                new MarkersResource(f.markers), new ConversationsResource(f.conversations, f.settings));
    }

    /** A user token carrying only {@code scopes} (comma-separated). */
    static String scoped(long accountId, String scopes) {
        return "scoped:" + accountId + ":" + accountId + ":" + scopes;
    }

    ApiHarness.Response send(String method, String path, String token) {
        return harness.send(method, path, token, null, null, Map.of());
    }

    ApiHarness.Response get(String path, long account) {
        return harness.get(path, ApiHarness.token(account));
    }

    ApiHarness.Response post(String path, long account) {
        return send("POST", path, ApiHarness.token(account));
    }

    ApiHarness.Response form(String method, String path, String token, String form) {
        return harness.form(method, path, token, form);
    }

    ApiHarness.Response json(String method, String path, String token, String json) {
        return harness.json(method, path, token, json);
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
