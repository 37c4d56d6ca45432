package social.herd.streaming.impl.web;

import jakarta.servlet.Servlet;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.auth.TokenVerifier;
import social.herd.api.config.ServerSettings;
import social.herd.api.kv.PubSub;
import social.herd.api.metrics.Metrics;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.timelines.TimelineEntities;
import social.herd.streaming.impl.StreamingSettings;
import social.herd.streaming.impl.hub.StreamHub;

/**
 * Serves the streaming API on nodes whose role is {@code streaming} or {@code all}: creates the hub
 * and registers, on the HTTP whiteboard, a servlet context of its own at {@value #PATH} with the
 * streaming servlet in it. Its own context has the longest path, so Felix asks it before the REST
 * whiteboard's context at {@code /} (whose servlet takes every path). Not a JAX-RS resource on
 * purpose: the REST whiteboard rebuilds its application when resources come and go, and a stream
 * must outlive that.
 *
 * <p>A configuration change ({@value StreamingSettings#PID}) or a role change re-creates the hub:
 * open streams are closed and clients reconnect, as they do after any restart of Mastodon's
 * streaming server.
 */
@Component(immediate = true, service = {},
        configurationPid = StreamingSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class StreamingEndpoints {

    /** Where Mastodon serves streaming. */
    public static final String PATH = "/api/v1/streaming";
    static final String CONTEXT = "herd.streaming";

    private static final Logger LOG = LoggerFactory.getLogger(StreamingEndpoints.class);

    private volatile TimelineEntities timelines;
    private final StreamHub hub;
    private final ServiceRegistration<?> context;
    private final ServiceRegistration<?> servlet;

    @Activate
    public StreamingEndpoints(BundleContext bundleContext, Map<String, Object> properties,
                              @Reference ServerSettings server, @Reference PubSub pubSub,
                              @Reference StatusDirectory statuses, @Reference SocialGraph graph,
                              @Reference TokenVerifier tokens, @Reference Metrics metrics) {
        if (!server.runs(ServerSettings.Role.STREAMING)) {
            LOG.info("streaming not served on this node: roles {}", server.roles());
            hub = null;
            context = null;
            servlet = null;
            return;
        }
        hub = new StreamHub(StreamingSettings.from(properties), pubSub, statuses, graph, () -> timelines, metrics);
        Access access = new Access(tokens);
        Upgrader upgrader = webSockets(hub, access);
        ServletContextHelper helper = new ServletContextHelper(bundleContext.getBundle()) {};
        context = bundleContext.registerService(ServletContextHelper.class, helper,
                props(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME, CONTEXT,
                        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH, PATH));
        servlet = bundleContext.registerService(Servlet.class, new StreamingServlet(hub, access, upgrader),
                props(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "herd-streaming",
                        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/*",
                        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED, Boolean.TRUE,
                        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT,
                        "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + CONTEXT + ")"));
        LOG.debug("streaming served path={} websocket={}", PATH, upgrader != null);
    }

    /** Jetty's WebSocket upgrader, or null (SSE only) when its classes are not wired to this bundle. */
    private static Upgrader webSockets(StreamHub hub, Access access) {
        try {
            return new JettyUpgrader(hub, access);
        } catch (LinkageError e) {
            LOG.warn("websocket streaming unavailable: Jetty WebSocket classes missing ({}); SSE only", e.toString());
            return null;
        }
    }

    private static Dictionary<String, Object> props(Object... keyValues) {
        Hashtable<String, Object> d = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) d.put((String) keyValues[i], keyValues[i + 1]);
        return d;
    }

    @Deactivate
    void deactivate() {
        if (hub == null) return;
        unregister(servlet);
        unregister(context);
        hub.close();
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }

    /** Notifications and conversations render once the timelines bundle is there; streams need not wait for it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setTimelines(TimelineEntities t) {
        timelines = t;
    }

    void unsetTimelines(TimelineEntities t) {
        if (timelines == t) timelines = null;
    }
}
