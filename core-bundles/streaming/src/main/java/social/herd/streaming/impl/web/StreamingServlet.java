package social.herd.streaming.impl.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import social.herd.api.auth.Principal;
import social.herd.streaming.impl.hub.CloseReason;
import social.herd.streaming.impl.hub.StreamException;
import social.herd.streaming.impl.hub.StreamHub;
import social.herd.streaming.impl.hub.StreamSpec;
import social.herd.web.api.Json;

/**
 * Everything under {@code /api/v1/streaming}: {@code /health}, the server-sent event streams
 * ({@code /user}, {@code /public/local}, {@code /hashtag?tag=}, ...) and WebSocket upgrades (on
 * {@code /api/v1/streaming} itself or any path below, as Mastodon accepts them). A plain GET of
 * {@code /api/v1/streaming} answers 404, which tells clients to stream from this same host.
 * Errors are Mastodon's JSON {@code {"error":"..."}}. CORS is open, as Mastodon's streaming server's.
 */
final class StreamingServlet extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    /** SSE paths and the stream each one is. */
    private static final Map<String, String> PATHS = Map.of(
            "/user", "user", "/user/notification", "user:notification", "/public", "public",
            "/public/local", "public:local", "/public/remote", "public:remote", "/hashtag", "hashtag",
            "/hashtag/local", "hashtag:local", "/list", "list", "/direct", "direct");

    private final transient StreamHub hub;
    private final transient Access access;
    private final transient ClientAddress addresses;
    private final transient Upgrader upgrader;

    /** @param upgrader WebSocket upgrades, or null where Jetty's WebSocket classes are missing */
    StreamingServlet(StreamHub hub, Access access, Upgrader upgrader) {
        this.hub = hub;
        this.access = access;
        this.addresses = new ClientAddress(hub.settings().trustedProxies());
        this.upgrader = upgrader;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Access-Control-Allow-Origin", "*");
        resp.setHeader("Access-Control-Allow-Headers", "Authorization, Accept, Cache-Control");
        resp.setHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
        if ("OPTIONS".equals(req.getMethod())) {
            resp.setStatus(204);
            return;
        }
        if (!"GET".equals(req.getMethod())) {
            error(resp, 405, "Method not allowed");
            return;
        }
        String path = path(req);
        if (path.equals("/health")) {
            resp.setContentType("text/plain;charset=utf-8");
            resp.getOutputStream().write("OK".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String address = addresses.resolve(req.getRemoteAddr(), req.getHeader("X-Forwarded-For"));
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            if (upgrader == null) error(resp, 501, "WebSocket is not available on this server");
            else upgrader.upgrade(req, resp, address);
            return;
        }
        if (path.isEmpty()) {
            error(resp, 404, "Not found");
            return;
        }
        try {
            sse(req, resp, path, address);
        } catch (StreamException e) {
            error(resp, e.status(), e.error());
        }
    }

    private void sse(HttpServletRequest req, HttpServletResponse resp, String path, String address)
            throws StreamException {
        String name = PATHS.get(path);
        if (name == null) throw refused("unknown_stream", new StreamException(400, "Unknown channel requested"));
        String token = Access.token(req.getHeader("Authorization"), req.getParameter("access_token"), null);
        Principal principal;
        StreamSpec spec;
        try {
            principal = access.authenticate(token);
            spec = StreamSpec.resolve(name, req::getParameter, principal);
        } catch (StreamException e) {
            throw refused(e.status() == 400 || e.status() == 404 ? "bad_stream" : "unauthorized", e);
        }
        if (!hub.allows(principal.accountId().orElseThrow(), address)) {
            throw refused("limit", new StreamException(429, "Too many streaming connections"));
        }
        AsyncContext async = req.startAsync();
        SseConnection c = new SseConnection(principal, token, access, address, async, JettySockets.hardClose(req),
                hub.settings());
        try {
            hub.subscribe(c, spec);
            hub.attach(c);
        } catch (StreamException e) {
            // lost a race for the last slot: answer the error through the async response
            c.close(CloseReason.CLIENT);
            error((HttpServletResponse) async.getResponse(), e.status(), e.error());
            async.complete();
        }
    }

    private StreamException refused(String reason, StreamException e) {
        hub.refused(reason);
        return e;
    }

    /** The path below {@code /api/v1/streaming}, without a trailing slash; "" for the root. */
    private static String path(HttpServletRequest req) {
        String p = req.getPathInfo();
        if (p == null) return "";
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p;
    }

    /** Answers Mastodon's error JSON. */
    static void error(HttpServletResponse resp, int status, String message) {
        try {
            resp.setStatus(status);
            resp.setContentType("application/json;charset=utf-8");
            resp.getOutputStream().write(Json.write(Map.of("error", message)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing left to tell it
        }
    }
}
