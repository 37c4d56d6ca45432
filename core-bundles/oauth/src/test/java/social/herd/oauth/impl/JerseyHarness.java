package social.herd.oauth.impl;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.LoggerFactory;

/**
 * Runs Jersey in memory with the given components, as the whiteboard would (the approach of the
 * web bundle's own harness), and answers requests the way a client sees them. Captures every log
 * event so tests can check that no secret was ever logged.
 */
final class JerseyHarness implements AutoCloseable {

    private static final List<String> JUL_QUIET =
            List.of("org.glassfish.jersey.internal.inject.Providers", "org.glassfish.jersey.server.wadl.WadlFeature");

    private final ApplicationHandler handler;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    JerseyHarness(Object... components) {
        JUL_QUIET.forEach(name -> java.util.logging.Logger.getLogger(name).setLevel(java.util.logging.Level.SEVERE));
        ResourceConfig config = new ResourceConfig();
        config.property("jersey.config.server.wadl.disableWadl", true);
        for (Object component : components) config.register(component);
        handler = new ApplicationHandler(config);
        logs.start();
        root.addAppender(logs);
    }

    Request request(String method, String pathAndQuery) {
        return new Request(method, pathAndQuery);
    }

    Response get(String pathAndQuery) {
        return request("GET", pathAndQuery).send();
    }

    /** Every log line (formatted, with throwable messages) since the harness started. */
    List<String> logLines() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            out.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(logs);
        logs.stop();
    }

    /** A request being built. */
    final class Request {
        private final String method;
        private final String pathAndQuery;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        Request(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Request body(String contentType, String text) {
            headers.put("Content-Type", contentType);
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Request form(String urlEncoded) {
            return body("application/x-www-form-urlencoded", urlEncoded);
        }

        Request json(String json) {
            return body("application/json", json);
        }

        Response send() {
            ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"),
                    URI.create("http://localhost" + pathAndQuery), method, null,
                    new MapPropertiesDelegate(), handler.getConfiguration());
            headers.forEach(request::header);
            if (body != null) {
                request.header("Content-Length", Integer.toString(body.length));
                request.setEntityStream(new java.io.ByteArrayInputStream(body));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ContainerResponse response = handler.apply(request, out).get(10, TimeUnit.SECONDS);
                Map<String, String> responseHeaders = new LinkedHashMap<>();
                response.getStringHeaders().forEach((k, v) -> responseHeaders.put(k.toLowerCase(), String.join(",", v)));
                return new Response(response.getStatus(), responseHeaders, out.toString(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new AssertionError("request failed inside Jersey", e);
            }
        }
    }

    /** What the client sees. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }
}
