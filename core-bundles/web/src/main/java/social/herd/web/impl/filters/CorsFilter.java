package social.herd.web.impl.filters;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * CORS as Mastodon configures it: {@code Access-Control-Allow-Origin: *} (never credentials) on
 * {@code /api/*}, {@code /oauth/token}, {@code /oauth/revoke}, {@code /.well-known/*} and
 * {@code /nodeinfo/*}, with the pagination and rate-limit headers exposed; preflight
 * {@code OPTIONS} requests there are answered 200 at once with the allowed methods and headers.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JakartarsExtension
@JakartarsName("herd.cors")
@PreMatching
@Priority(FilterPriorities.CORS)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String EXPOSED = "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id";
    static final String API_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String OAUTH_METHODS = "POST, OPTIONS";
    static final String READ_METHODS = "GET, HEAD, OPTIONS";
    static final String MAX_AGE = "7200";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        String methods = allowedMethods(RequestPaths.of(request));
        if (methods == null) {
            return;
        }
        request.abortWith(Response.ok()
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", methods)
                .header("Access-Control-Allow-Headers",
                        allowedHeaders(request.getHeaderString("Access-Control-Request-Headers")))
                .header("Access-Control-Expose-Headers", EXPOSED)
                .header("Access-Control-Max-Age", MAX_AGE)
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (allowedMethods(RequestPaths.of(request)) == null) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", "*");
        headers.putSingle("Access-Control-Expose-Headers", EXPOSED);
    }

    /** The methods allowed cross-origin on {@code path}, or {@code null} when CORS does not apply. */
    static String allowedMethods(String path) {
        if (path.startsWith("/api/")) {
            return API_METHODS;
        }
        if (path.equals("/oauth/token") || path.equals("/oauth/revoke")) {
            return OAUTH_METHODS;
        }
        if (path.startsWith("/.well-known/") || path.startsWith("/nodeinfo/")) {
            return READ_METHODS;
        }
        return null;
    }

    /** Mastodon allows any request header: the usual ones plus whatever the browser asks for. */
    static String allowedHeaders(String requested) {
        Set<String> headers = new LinkedHashSet<>();
        headers.add("Authorization");
        headers.add("Content-Type");
        headers.add("Idempotency-Key");
        if (requested != null) {
            for (String h : requested.split(",")) {
                String name = h.trim();
                if (TOKEN.matcher(name).matches() && headers.stream().noneMatch(name::equalsIgnoreCase)) {
                    headers.add(name);
                }
            }
        }
        return String.join(", ", headers);
    }
}
