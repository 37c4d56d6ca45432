package social.herd.media.impl;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import social.herd.api.auth.Principal;
import social.herd.api.auth.Role;
import social.herd.media.impl.web.MediaV1Resource;
import social.herd.media.impl.web.MediaV2Resource;
import social.herd.web.api.Auth;
import social.herd.web.impl.errors.ApiExceptionMapper;
import social.herd.web.impl.errors.JacksonExceptionMapper;
import social.herd.web.impl.errors.ThrowableMapper;
import social.herd.web.impl.errors.WebApplicationExceptionMapper;
import social.herd.web.impl.filters.ScopeFilter;
import social.herd.web.impl.json.MastodonJsonProvider;

/**
 * This bundle's resources in an in-memory Jersey with the web bundle's real JSON provider, error
 * mappers and scope filter, as the whiteboard runs them. Token {@code user:<accountId>} carries
 * {@code read write}; {@code scoped:<accountId>:<scope,...>} just those scopes.
 */
final class Http {

    private final ApplicationHandler handler;

    Http(Fixture f) {
        java.util.logging.Logger.getLogger("org.glassfish.jersey").setLevel(java.util.logging.Level.SEVERE);
        ResourceConfig config = new ResourceConfig();
        config.property("jersey.config.server.wadl.disableWadl", true);
        for (Object c : new Object[] {new MastodonJsonProvider(), new ApiExceptionMapper(), new WebApplicationExceptionMapper(),
                new JacksonExceptionMapper(), new ThrowableMapper(), new TestAuthentication(), ScopeFilter.class,
                new MediaV1Resource(f.media), new MediaV2Resource(f.media)}) {
            if (c instanceof Class<?> type) config.register(type);
            else config.register(c);
        }
        handler = new ApplicationHandler(config);
    }

    /** Stands in for the web bundle's authentication filter. */
    @PreMatching
    @Priority(Priorities.AUTHENTICATION)
    static final class TestAuthentication implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String auth = request.getHeaderString("Authorization");
            if (auth == null) return;
            String[] parts = auth.substring("Bearer ".length()).split(":");
            long account = Long.parseLong(parts[1]);
            Set<String> scopes = parts[0].equals("scoped") ? Set.of(parts[2].split(",")) : Set.of("read", "write");
            request.setProperty(Auth.PRINCIPAL_PROPERTY,
                    new Principal(account, 7, OptionalLong.of(account), OptionalLong.of(account), Role.USER, scopes));
        }
    }

    record Response(int status, Map<String, String> headers, String body) {}

    Response send(String method, String path, String token, String contentType, byte[] body) {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + path),
                method, null, new MapPropertiesDelegate(), handler.getConfiguration());
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (contentType != null) request.header("Content-Type", contentType);
        if (body != null) {
            request.header("Content-Length", Integer.toString(body.length));
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ContainerResponse response = handler.apply(request, out).get(60, TimeUnit.SECONDS);
            Map<String, String> headers = new LinkedHashMap<>();
            response.getStringHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            return new Response(response.getStatus(), headers, out.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("request failed inside Jersey", e);
        }
    }

    Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Response form(String method, String path, String token, String form) {
        return send(method, path, token, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    Response json(String method, String path, String token, String json) {
        return send(method, path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A multipart upload of {@code file} with optional text fields (name, value, name, value...). */
    Response upload(String path, String token, byte[] file, String... fields) {
        String boundary = "----herdtest" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, token, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
}
