package social.herd.web.impl.filters;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.time.Duration;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import social.herd.api.metrics.Metrics;

/**
 * Records {@code herd_http_requests_total{method,route,status}} and
 * {@code herd_http_request_duration_seconds{method,route}} for every request. {@code route} is the
 * matched route template (e.g. {@code /api/v1/accounts/{id}}) or {@code unmatched}, never the raw
 * path, so the label set stays small.
 *
 * <p>Prototype scope: each JAX-RS application gets its own instance and {@code ResourceInfo}.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class},
        scope = ServiceScope.PROTOTYPE)
@JakartarsExtension
@JakartarsName("herd.http-metrics")
@PreMatching
@Priority(FilterPriorities.HTTP_METRICS)
public final class HttpMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String REQUESTS = "herd_http_requests_total";
    static final String DURATION = "herd_http_request_duration_seconds";

    private static final String START_PROPERTY = "social.herd.web.metrics.start";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Metrics.Counter requests;
    private final Metrics.Timer duration;
    private final RouteTemplates routes = new RouteTemplates();

    @Context
    private ResourceInfo resourceInfo;

    /** Registers the two HTTP metrics. */
    @Activate
    public HttpMetricsFilter(@Reference Metrics metrics) {
        this.requests = metrics.counter(REQUESTS, "HTTP requests answered", "method", "route", "status");
        this.duration = metrics.timer(DURATION, "Time to answer HTTP requests", "method", "route");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START_PROPERTY, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
        String route = route();
        requests.inc(method, route, Integer.toString(response.getStatus()));
        if (request.getProperty(START_PROPERTY) instanceof Long start) {
            duration.record(Duration.ofNanos(System.nanoTime() - start), method, route);
        }
    }

    private String route() {
        try {
            return resourceInfo == null
                    ? RouteTemplates.UNMATCHED
                    : routes.of(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod());
        } catch (RuntimeException e) {
            return RouteTemplates.UNMATCHED;
        }
    }
}
