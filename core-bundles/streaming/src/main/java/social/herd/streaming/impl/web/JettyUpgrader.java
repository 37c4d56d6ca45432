package social.herd.streaming.impl.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.auth.Principal;
import social.herd.streaming.impl.hub.StreamException;
import social.herd.streaming.impl.hub.StreamHub;

/**
 * WebSocket upgrades through Jetty 12's ee10 WebSocket server. Felix HTTP creates the server
 * container when {@code org.apache.felix.jetty.websocket.enable} is true and Jetty's WebSocket
 * bundles are installed; the upgrade is done programmatically from the servlet, so no path mapping
 * outlives this bundle. The token is checked before the handshake is answered: a bad one gets 401
 * and never a socket.
 */
final class JettyUpgrader implements Upgrader {

    private static final Logger LOG = LoggerFactory.getLogger(JettyUpgrader.class);

    private final StreamHub hub;
    private final Access access;
    private volatile boolean reportedMissing;

    JettyUpgrader(StreamHub hub, Access access) {
        this.hub = hub;
        this.access = access;
    }

    @Override
    public void upgrade(HttpServletRequest request, HttpServletResponse response, String address) throws IOException {
        JettyWebSocketServerContainer container = container(request);
        if (container == null) {
            if (!reportedMissing) {
                reportedMissing = true;
                LOG.warn("websocket streaming unavailable: no Jetty WebSocket container (set org.apache.felix.jetty.websocket.enable=true)");
            }
            StreamingServlet.error(response, 501, "WebSocket is not available on this server");
            return;
        }
        if (!container.upgrade((rq, rs) -> create(rq, rs, address), request, response) && !response.isCommitted()) {
            StreamingServlet.error(response, 400, "Not a WebSocket handshake");
        }
    }

    private static JettyWebSocketServerContainer container(HttpServletRequest request) {
        JettyWebSocketServerContainer c = JettyWebSocketServerContainer.getContainer(request.getServletContext());
        if (c != null) return c;
        try {
            // Felix hands servlets a per-whiteboard-context ServletContext; the container is an
            // attribute of Jetty's own context behind it.
            ServletContext jetty = ServletContextRequest.getServletContextRequest(request).getServletContextHandler().getServletContext();
            return JettyWebSocketServerContainer.getContainer(jetty);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** Jetty's creator: authenticates, checks limits, echoes the subprotocol, returns the endpoint. */
    private Object create(JettyServerUpgradeRequest rq, JettyServerUpgradeResponse rs, String address) throws IOException {
        List<String> offered = rq.getSubProtocols();
        String protocol = offered == null || offered.isEmpty() ? null : offered.get(0);
        Map<String, String> query = new HashMap<>();
        rq.getParameterMap().forEach((k, v) -> {
            if (v != null && !v.isEmpty()) query.put(k, v.get(0));
        });
        String token = Access.token(rq.getHeader("Authorization"), query.get("access_token"), protocol);
        Principal principal;
        try {
            principal = access.authenticate(token);
        } catch (StreamException e) {
            hub.refused("unauthorized");
            rs.sendError(e.status(), e.error());
            return null;
        }
        if (!hub.allows(principal.accountId().orElseThrow(), address)) {
            hub.refused("limit");
            rs.sendError(429, "Too many streaming connections");
            return null;
        }
        // masto.js sends the token as the subprotocol; a client that offered one fails the
        // handshake unless it is echoed, so (like Mastodon) the first offered one always is.
        if (protocol != null) rs.setAcceptedSubProtocol(protocol);
        return new WsConnection(principal, token, access, address, hub, query);
    }
}
