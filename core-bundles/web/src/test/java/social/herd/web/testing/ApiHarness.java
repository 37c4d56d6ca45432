package social.herd.web.testing;

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
import social.herd.web.api.Auth;
import social.herd.web.api.WebRequests;
import social.herd.web.impl.errors.ApiExceptionMapper;
import social.herd.web.impl.errors.JacksonExceptionMapper;
import social.herd.web.impl.errors.ThrowableMapper;
import social.herd.web.impl.errors.WebApplicationExceptionMapper;
import social.herd.web.impl.filters.ScopeFilter;
import social.herd.web.impl.json.MastodonJsonProvider;

/**
 * A bundle's resources in an in-memory Jersey with the web bundle's real JSON provider, error
 * mappers and scope filter, as the whiteboard runs them — for other bundles' tests (the
 * {@code herd-web} test-jar). Tokens: {@code Bearer app} is an application-only token;
 * {@code Bearer user:<userId>:<accountId>} a user token with {@code read write follow push};
 * {@code Bearer admin:<userId>:<accountId>} the same as an admin; {@code Bearer
 * scoped:<userId>:<accountId>:<scope,...>} just those scopes.
 */
public final class ApiHarness {

    public static final long APP_ID = 7;
    private static final Set<String> ALL = Set.of("read", "write", "follow", "push", "admin:read", "admin:write");

    private final ApplicationHandler handler;

    /** Serves {@code resources} (instances, or classes Jersey creates). */
    public ApiHarness(Object... resources) {
        java.util.logging.Logger.getLogger("org.glassfish.jersey").setLevel(java.util.logging.Level.SEVERE);
        ResourceConfig config = new ResourceConfig();
        config.property("jersey.config.server.wadl.disableWadl", true);
        for (Object c : new Object[] {new MastodonJsonProvider(), new ApiExceptionMapper(), new WebApplicationExceptionMapper(),
                new JacksonExceptionMapper(), new ThrowableMapper(), new TestAuthentication(), ScopeFilter.class}) {
            register(config, c);
        }
        for (Object c : resources) register(config, c);
        handler = new ApplicationHandler(config);
    }

    private static void register(ResourceConfig config, Object c) {
        if (c instanceof Class<?> type) config.register(type);
        else config.register(c);
    }

    /** A user token of {@code accountId} (user id = account id) with every user scope. */
    public static String token(long accountId) {
        return "user:" + accountId + ":" + accountId;
    }

    /** An admin's token of {@code accountId}. */
    public static String admin(long accountId) {
        return "admin:" + accountId + ":" + accountId;
    }

    /** Stands in for the web bundle's authentication and client-address filters. */
    @PreMatching
    @Priority(Priorities.AUTHENTICATION)
    static final class TestAuthentication implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String peer = request.getHeaderString("X-Test-Peer");
            request.setProperty(WebRequests.CLIENT_ADDRESS_PROPERTY, peer == null ? "192.0.2.1" : peer);
            String auth = request.getHeaderString("Authorization");
            if (auth == null) return;
            String[] parts = auth.substring("Bearer ".length()).split(":", 4);
            Principal p = switch (parts[0]) {
                case "app" -> new Principal(1, APP_ID, OptionalLong.empty(), OptionalLong.empty(), Role.USER, ALL);
                case "scoped" -> user(parts, Role.USER, Set.of(parts[3].split(",")));
                case "admin" -> user(parts, Role.ADMIN, ALL);
                default -> user(parts, Role.USER, Set.of("read", "write", "follow", "push"));
            };
            request.setProperty(Auth.PRINCIPAL_PROPERTY, p);
        }

        private static Principal user(String[] parts, Role role, Set<String> scopes) {
            return new Principal(2, APP_ID, OptionalLong.of(Long.parseLong(parts[1])), OptionalLong.of(Long.parseLong(parts[2])),
                    role, scopes);
        }
    }

    /** A response: status, lower-case header names, body text. */
    public record Response(int status, Map<String, String> headers, String body) {}

    public Response send(String method, String path, String token, String contentType, byte[] body, Map<String, String> extra) {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + path),
                method, null, new MapPropertiesDelegate(), handler.getConfiguration());
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (contentType != null) request.header("Content-Type", contentType);
        extra.forEach(request::header);
        if (body != null) {
            request.header("Content-Length", Integer.toString(body.length));
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ContainerResponse response = handler.apply(request, out).get(20, TimeUnit.SECONDS);
            Map<String, String> headers = new LinkedHashMap<>();
            response.getStringHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            return new Response(response.getStatus(), headers, out.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("request failed inside Jersey", e);
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    public Response form(String method, String path, String token, String form) {
        return send(method, path, token, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Response json(String method, String path, String token, String json) {
        return send(method, path, token, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
