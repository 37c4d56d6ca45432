package social.herd.web.impl;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.LoggerFactory;

/**
 * Runs Jersey in memory with the given components, as the whiteboard would, and answers requests
 * the way a client sees them (status, headers, body). The connection's peer address is set per
 * request through a stand-in {@link HttpServletRequest}.
 */
final class JerseyHarness implements AutoCloseable {

    private static final List<String> JUL_QUIET =
            List.of("org.glassfish.jersey.internal.inject.Providers", "org.glassfish.jersey.server.wadl.WadlFeature");

    private final ApplicationHandler handler;
    private volatile String peer = "192.0.2.1";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    JerseyHarness(Object... components) {
        // Jersey warns (JUL) that resource instances are not providers, and that WADL is off
        JUL_QUIET.forEach(name -> java.util.logging.Logger.getLogger(name).setLevel(java.util.logging.Level.SEVERE));
        ResourceConfig config = new ResourceConfig();
        config.property("jersey.config.server.wadl.disableWadl", true);
        for (Object component : components) {
            config.register(component);
        }
        HttpServletRequest servletRequest = (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test servlet request";
                    default -> null;
                });
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(servletRequest).to(HttpServletRequest.class);
            }
        });
        handler = new ApplicationHandler(config);
        logs.start();
        root.addAppender(logs);
    }

    /** Sets the connection peer address for the following requests. */
    JerseyHarness peer(String address) {
        this.peer = address;
        return this;
    }

    Request request(String method, String pathAndQuery) {
        return new Request(method, pathAndQuery);
    }

    Response get(String pathAndQuery) {
        return request("GET", pathAndQuery).send();
    }

    /** Events logged at {@code level} or above since the harness started or {@link #clearLogs()}. */
    List<ILoggingEvent> logged(Level level) {
        List<ILoggingEvent> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            if (e.getLevel().isGreaterOrEqual(level)) {
                out.add(e);
            }
        }
        return out;
    }

    void clearLogs() {
        logs.list.clear();
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
        private InputStream body;
        private Long contentLength;

        Request(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A body with its Content-Length. */
        Request body(String contentType, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", contentType);
            this.body = new java.io.ByteArrayInputStream(bytes);
            this.contentLength = (long) bytes.length;
            return this;
        }

        /** A body without Content-Length, as a chunked upload arrives. */
        Request chunkedBody(String contentType, InputStream stream) {
            headers.put("Content-Type", contentType);
            headers.put("Transfer-Encoding", "chunked");
            this.body = stream;
            this.contentLength = null;
            return this;
        }

        /** Declares a Content-Length without sending that much (the filter must not read). */
        Request declaredLength(String contentType, long length) {
            headers.put("Content-Type", contentType);
            this.body = new java.io.ByteArrayInputStream(new byte[0]);
            this.contentLength = length;
            return this;
        }

        Response send() {
            ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"),
                    URI.create("http://localhost" + pathAndQuery), method, null,
                    new MapPropertiesDelegate(), handler.getConfiguration());
            headers.forEach(request::header);
            if (contentLength != null) {
                request.header("Content-Length", Long.toString(contentLength));
            }
            if (body != null) {
                request.setEntityStream(body);
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
