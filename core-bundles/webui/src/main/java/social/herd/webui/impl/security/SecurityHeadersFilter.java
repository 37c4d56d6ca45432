package social.herd.webui.impl.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Browser protections on every HTML page of every bundle: a Content-Security-Policy without
 * inline scripts or styles (scripts and stylesheets only from this site; images and media also
 * from https, for remote avatars and attachments), no framing, no MIME sniffing, and no referrer
 * to other sites. The OAuth form is the one page allowed to post onwards: its approval redirects
 * to the application's own URI, which {@code form-action} would block.
 */
@Component(service = ContainerResponseFilter.class)
@JakartarsExtension
@JakartarsName("herd.webui.security-headers")
@Priority(4000)
public final class SecurityHeadersFilter implements ContainerResponseFilter {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data: blob:; "
            + "media-src 'self' https: blob:; font-src 'self'; connect-src 'self' wss: ws:; manifest-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("X-Content-Type-Options", "nosniff");
        if (type == null || !type.isCompatible(MediaType.TEXT_HTML_TYPE)) return;
        String path = request.getUriInfo().getPath();
        boolean oauth = path.replaceFirst("^/", "").startsWith("oauth/");
        h.putSingle("Content-Security-Policy", oauth ? CSP : CSP + "; form-action 'self'");
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("Referrer-Policy", "same-origin");
    }
}
