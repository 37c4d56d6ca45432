package social.herd.search.impl.os;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Request;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ResponseException;
import social.herd.search.impl.engine.SearchUnavailableException;

/**
 * The requests the engine makes, over the Java client's generic API with JSON bodies: every
 * failure to reach the cluster, and every error answer, becomes a
 * {@link SearchUnavailableException} with a short reason (status and error type, never the body
 * of our request and never credentials).
 */
final class OpenSearchIndex {

    /** An answer: its status and JSON body (an empty object when it had none). */
    record Answer(int status, JsonNode json) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchGenericClient client;

    OpenSearchIndex(OpenSearchGenericClient client) {
        this.client = client;
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** The index settings and mappings (analyzers per language, ASCII folding). */
    static String definition() {
        try (InputStream in = OpenSearchIndex.class.getResourceAsStream("/opensearch/statuses-index.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request; answers of {@code allowed} statuses come back, others throw. */
    Answer send(String method, String endpoint, String jsonBody, int... allowed) {
        Requests.JsonBodyBuilder b = Requests.builder().method(method).endpoint(endpoint);
        if (jsonBody != null) b.body(Body.from(jsonBody.getBytes(StandardCharsets.UTF_8), "application/json"));
        return execute(b.build(), endpoint, allowed);
    }

    /** A {@code _bulk} request with an NDJSON body; item failures other than "not found" throw. */
    void bulk(String ndjson) {
        Request request = Requests.builder().method("POST").endpoint("/_bulk")
                .body(Body.from(ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson")).build();
        Answer a = execute(request, "/_bulk", 200);
        if (!a.json().path("errors").asBoolean(false)) return;
        for (JsonNode item : a.json().path("items")) {
            Iterator<Map.Entry<String, JsonNode>> op = item.fields();
            if (!op.hasNext()) continue;
            JsonNode result = op.next().getValue();
            int status = result.path("status").asInt(200);
            if (status >= 300 && status != 404) {
                throw new SearchUnavailableException("OpenSearch bulk item failed: " + status + " "
                        + result.path("error").path("type").asText("error"));
            }
        }
    }

    private Answer execute(Request request, String endpoint, int... allowed) {
        try (Response r = client.execute(request)) {
            String body = r.getBody().map(Body::bodyAsString).orElse("");
            JsonNode json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            for (int ok : allowed) if (r.getStatus() == ok) return new Answer(r.getStatus(), json);
            String type = json.path("error").path("type").asText(json.path("error").asText(""));
            throw answered(r.getStatus(), type, endpoint);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SearchUnavailableException s) throw s;
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                // the transport throws for error statuses; its message carries the whole answer, so only the status is kept
                if (t instanceof ResponseException r) {
                    throw answered(r.status(), "", endpoint);
                }
            }
            throw new SearchUnavailableException("OpenSearch unreachable: " + rootMessage(e), e);
        }
    }

    /** An error answer, named by status and error type; the query string and bodies are left out. */
    private static SearchUnavailableException answered(int status, String type, String endpoint) {
        String hint = status == 401 || status == 403 ? " (check the search user and password)" : "";
        return new SearchUnavailableException("OpenSearch answered " + status + (type.isEmpty() ? "" : " " + type) + " to "
                + endpoint.replaceAll("\\?.*", "") + hint);
    }

    /** Index names the alias points at (none when it does not exist). */
    List<String> indicesOf(String alias) {
        Answer a = send("GET", "/_alias/" + alias, null, 200, 404);
        List<String> out = new ArrayList<>();
        if (a.status() == 200) a.json().fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (message.length() > 200 ? message.substring(0, 200) : message);
    }
}
