package social.herd.webui.impl.render;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * The signed-in pages read what they show from this server's own Mastodon API, with the
 * visitor's session token, over loopback: the web app is an API client like any other (as
 * Mastodon's is), so it sees exactly what the API allows that user, no more, and uses the same
 * rate limits. Only reads go through here; the pages' script sends the writes itself.
 */
@Component(service = ApiClient.class)
public final class ApiClient {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    @Activate
    public ApiClient(BundleContext context) {
        String host = context.getProperty("org.apache.felix.http.host");
        if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) host = "127.0.0.1";
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        String port = context.getProperty("org.osgi.service.http.port");
        this.base = "http://" + host + ":" + (port == null ? "8080" : port);
    }

    /** A JSON object; the API's error (status and message) is rethrown as an {@link ApiException}. */
    public Map<String, Object> object(String token, String path) {
        return Json.mapper().convertValue(read(token, path), OBJECT);
    }

    /** A JSON array of objects. */
    public List<Map<String, Object>> list(String token, String path) {
        return Json.mapper().convertValue(read(token, path), LIST);
    }

    private Object read(String token, String path) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET();
        if (token != null) r.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<byte[]> response = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
            Object body = Json.mapper().readValue(response.body(), Object.class);
            if (response.statusCode() != 200) {
                Object error = body instanceof Map<?, ?> m ? m.get("error") : null;
                throw new ApiException(response.statusCode(), error == null ? "Request failed" : error.toString());
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(503, "The server could not answer itself: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "Interrupted");
        }
    }
}
