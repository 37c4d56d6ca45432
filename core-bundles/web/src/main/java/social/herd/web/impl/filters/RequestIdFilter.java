package social.herd.web.impl.filters;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.MDC;
import social.herd.web.api.WebRequests;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is short and made of safe
 * characters, otherwise a new random one. The id is in the SLF4J MDC as {@code request_id} while
 * the request is processed, in the request property {@link WebRequests#REQUEST_ID_PROPERTY}, and
 * returned in the {@code X-Request-Id} response header. Runs first on the way in and last on the
 * way out.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JakartarsExtension
@JakartarsName("herd.request-id")
@PreMatching
@Priority(FilterPriorities.REQUEST_ID)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    @Override
    public void filter(ContainerRequestContext request) {
        String id = accept(request.getHeaderString(WebRequests.REQUEST_ID_HEADER));
        request.setProperty(WebRequests.REQUEST_ID_PROPERTY, id);
        MDC.put(WebRequests.MDC_REQUEST_ID, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            Object id = request.getProperty(WebRequests.REQUEST_ID_PROPERTY);
            if (id != null) {
                response.getHeaders().putSingle(WebRequests.REQUEST_ID_HEADER, id.toString());
            }
        } finally {
            MDC.remove(WebRequests.MDC_REQUEST_ID);
        }
    }

    /** The incoming id if acceptable, else a fresh one. */
    static String accept(String incoming) {
        if (incoming != null) {
            String trimmed = incoming.trim();
            if (SAFE.matcher(trimmed).matches()) {
                return trimmed;
            }
        }
        return fresh();
    }

    /**
     * A random 128-bit id in UUID form. Request ids correlate log lines and need no secrecy, so
     * they come from ThreadLocalRandom: UUID.randomUUID() draws on SecureRandom, whose shared lock
     * showed up in profiles under load.
     */
    static String fresh() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }
}
