package social.herd.statuses.impl;

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
import social.herd.statuses.impl.timelines.HomeTimelineResource;
import social.herd.statuses.impl.timelines.PublicTimelineResource;
import social.herd.statuses.impl.timelines.TagTimelineResource;
import social.herd.statuses.impl.timelines.ListTimelineResource;
import social.herd.statuses.impl.web.AccountListsResource;
import social.herd.statuses.impl.web.AccountStatusesResource;
import social.herd.statuses.impl.web.ListsResource;
import social.herd.statuses.impl.web.ScheduledStatusesResource;
import social.herd.statuses.impl.web.BookmarksResource;
import social.herd.statuses.impl.web.FavouritesResource;
import social.herd.statuses.impl.web.PollsResource;
import social.herd.statuses.impl.web.StatusesResource;
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
 * This bundle's resources in an in-memory Jersey with the web bundle's real JSON provider, error
 * mappers and scope filter, as the whiteboard runs them. Tokens: {@code Bearer app} is an
 * application-only token; {@code Bearer user:<userId>:<accountId>} a user token; both carry
 * {@code read write follow push}; {@code Bearer scoped:<userId>:<accountId>:<scope,...>} carries just those scopes.
 */
final class Http {

    static final long APP_ID = 7;

    private final ApplicationHandler handler;

    Http(Fixture f) {
        java.util.logging.Logger.getLogger("org.glassfish.jersey").setLevel(java.util.logging.Level.SEVERE);
        ResourceConfig config = new ResourceConfig();
        config.property("jersey.config.server.wadl.disableWadl", true);
        for (Object c : new Object[] {new MastodonJsonProvider(), new ApiExceptionMapper(), new WebApplicationExceptionMapper(),
                new JacksonExceptionMapper(), new ThrowableMapper(), new TestAuthentication(), ScopeFilter.class,
                new StatusesResource(f.posting, f.editing, f.pins, f.interactions, f.queries, f.settings, f.scheduled),
                new ListsResource(f.lists, f.settings), new AccountListsResource(f.lists),
                new ListTimelineResource(f.listTimeline, f.settings), new ScheduledStatusesResource(f.scheduled, f.settings),
                new PollsResource(f.polls), new AccountStatusesResource(f.accountPosts, f.settings),
                new FavouritesResource(f.queries, f.settings), new BookmarksResource(f.queries, f.settings),
                new HomeTimelineResource(f.home, f.settings), new PublicTimelineResource(f.timelines, f.settings),
                new TagTimelineResource(f.timelines, f.settings)}) {
            if (c instanceof Class<?> type) config.register(type);
            else config.register(c);
        }
        handler = new ApplicationHandler(config);
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
            String token = auth.substring("Bearer ".length());
            Set<String> scopes = Set.of("read", "write", "follow", "push");
            Principal p;
            if (token.equals("app")) {
                p = new Principal(1, APP_ID, OptionalLong.empty(), OptionalLong.empty(), Role.USER, scopes);
            } else if (token.startsWith("scoped:")) {
                // scoped:<userId>:<accountId>:<scope,scope,...>
                String[] parts = token.split(":", 4);
                p = new Principal(4, APP_ID, OptionalLong.of(Long.parseLong(parts[1])),
                        OptionalLong.of(Long.parseLong(parts[2])), Role.USER, Set.of(parts[3].split(",")));
            } else if (token.startsWith("readonly:")) {
                String[] parts = token.split(":");
                p = new Principal(3, APP_ID, OptionalLong.of(Long.parseLong(parts[1])),
                        OptionalLong.of(Long.parseLong(parts[2])), Role.USER, Set.of("read"));
            } else {
                String[] parts = token.split(":");
                p = new Principal(2, APP_ID, OptionalLong.of(Long.parseLong(parts[1])),
                        OptionalLong.of(Long.parseLong(parts[2])), Role.USER, scopes);
            }
            request.setProperty(Auth.PRINCIPAL_PROPERTY, p);
        }
    }

    record Response(int status, Map<String, String> headers, String body) {}

    Response send(String method, String path, String token, String contentType, byte[] body) {
        return send(method, path, token, contentType, body, Map.of());
    }

    Response send(String method, String path, String token, String contentType, byte[] body, Map<String, String> extra) {
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

    /** A user token of {@code accountId} with every scope. */
    static String token(long accountId) {
        return "user:" + accountId + ":" + accountId;
    }

    Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Response form(String method, String path, String token, String form) {
        return send(method, path, token, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    /** A form post as a browser sends it, with a Cookie header (null for none). */
    Response browserForm(String path, String cookie, String form) {
        return send("POST", path, null, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8),
                cookie == null ? Map.of() : Map.of("Cookie", cookie));
    }

    Response json(String method, String path, String token, String json) {
        return send(method, path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
