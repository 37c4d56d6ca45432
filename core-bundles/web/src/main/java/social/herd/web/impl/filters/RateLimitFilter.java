package social.herd.web.impl.filters;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.kv.RateLimiter;
import social.herd.web.api.Json;
import social.herd.web.api.WebRequests;
import social.herd.web.impl.WebSettings;
import social.herd.web.impl.errors.ErrorResponses;

/**
 * Mastodon's request throttle: {@code rate_limit_requests} (default 300) per
 * {@code rate_limit_window_seconds} (default 300) per client address, or per account once an
 * authentication filter has set {@link WebRequests#ACCOUNT_ID_PROPERTY}. Responses carry
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 * (ISO-8601); over the limit the answer is {@code 429 {"error":"Too many requests"}}.
 * {@code /health}, {@code /metrics} and CORS preflights are not counted.
 *
 * <p>Prototype scope: each JAX-RS application gets its own instance, so the injected
 * {@code HttpServletRequest} proxy belongs to that application.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class},
        scope = ServiceScope.PROTOTYPE, configurationPid = WebSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@JakartarsExtension
@JakartarsName("herd.rate-limit")
@PreMatching
@Priority(FilterPriorities.RATE_LIMIT)
public final class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String DECISION_PROPERTY = "social.herd.web.rate_limit";

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final long limit;
    private final Duration window;
    private final ClientAddresses clientAddresses;

    @Context
    private HttpServletRequest servletRequest;

    /** Reads the limits and trusted proxies from PID {@code social.herd.web}. */
    @Activate
    public RateLimitFilter(@Reference RateLimiter limiter, Map<String, Object> properties) {
        this(limiter, WebSettings.from(properties));
    }

    /** For tests and embedding. */
    public RateLimitFilter(RateLimiter limiter, WebSettings settings) {
        this.limiter = limiter;
        this.limit = settings.rateLimit();
        this.window = settings.rateLimitWindow();
        this.clientAddresses = new ClientAddresses(settings.trustedProxies());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String client = clientAddress(request);
        request.setProperty(WebRequests.CLIENT_ADDRESS_PROPERTY, client);
        if (HttpMethod.OPTIONS.equals(request.getMethod()) || exempt(RequestPaths.of(request))
                || (HttpMethod.POST.equals(request.getMethod()) && inbox(RequestPaths.of(request)))) {
            return;
        }
        Object account = request.getProperty(WebRequests.ACCOUNT_ID_PROPERTY);
        String bucket = account != null ? "api:account:" + account : "api:ip:" + client;
        RateLimiter.Decision decision;
        try {
            decision = limiter.hit(bucket, limit, window);
        } catch (RuntimeException e) {
            LOG.warn("Rate limiter failed, request let through: {}", e.toString());
            return;
        }
        request.setProperty(DECISION_PROPERTY, decision);
        if (!decision.allowed()) {
            LOG.debug("Rate limit exceeded for {}", bucket);
            Response tooMany = ErrorResponses.json(429, ErrorResponses.reason(429));
            request.abortWith(tooMany);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION_PROPERTY) instanceof RateLimiter.Decision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("X-RateLimit-Limit", Long.toString(decision.limit()));
            headers.putSingle("X-RateLimit-Remaining", Long.toString(Math.max(0, decision.remaining())));
            headers.putSingle("X-RateLimit-Reset", Json.timestamp(decision.resetAt()));
        }
    }

    private String clientAddress(ContainerRequestContext request) {
        String peer = null;
        try {
            peer = servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (RuntimeException e) {
            // no servlet request behind this JAX-RS request (not served by a servlet container)
        }
        return clientAddresses.resolve(peer, request.getHeaderString("X-Forwarded-For"));
    }

    /**
     * ActivityPub inboxes are throttled by the federation bundle per sending server instead: one
     * busy server (or a proxy in front of several) would use up a per-address API budget in seconds.
     */
    static boolean inbox(String path) {
        return path.equals("/inbox") || path.equals("/actor/inbox") || (path.startsWith("/users/") && path.endsWith("/inbox"));
    }

    /** Liveness, readiness and metrics scrapes are never throttled. */
    static boolean exempt(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics");
    }
}
