package social.herd.web.impl.filters;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.web.impl.WebSettings;
import social.herd.web.impl.errors.ErrorResponses;

/**
 * Rejects request bodies larger than {@code max_body_bytes} (PID {@code social.herd.web}, default
 * 1 MiB) with {@code 413 {"error":"Request body too large"}}: at once when {@code Content-Length}
 * says so, and while reading for bodies without a length (chunked). File uploads
 * ({@code multipart/form-data}) are bounded by the larger {@code max_upload_bytes} instead; the
 * filter runs before matching, so it decides by content type rather than by endpoint.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = WebSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@JakartarsExtension
@JakartarsName("herd.body-limit")
@PreMatching
@Priority(FilterPriorities.BODY_LIMIT)
public final class BodyLimitFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BodyLimitFilter.class);

    private final long maxBytes;
    private final long maxUploadBytes;

    /** Reads {@code max_body_bytes}. */
    @Activate
    public BodyLimitFilter(Map<String, Object> properties) {
        this(WebSettings.from(properties));
    }

    /** For tests and embedding. */
    public BodyLimitFilter(WebSettings settings) {
        this.maxBytes = settings.maxBodyBytes();
        this.maxUploadBytes = settings.maxUploadBytes();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        long maxBytes = type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE) ? maxUploadBytes : this.maxBytes;
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                if (length > maxBytes) {
                    LOG.debug("Rejected body of {} bytes (limit {})", length, maxBytes);
                    request.abortWith(ErrorResponses.json(413, ErrorResponses.reason(413)));
                    return;
                }
            } catch (NumberFormatException e) {
                // the container rejects bad lengths; counting below still bounds the body
            }
        }
        request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBytes));
    }
}
