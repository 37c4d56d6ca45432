package social.herd.web.impl.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.metrics.Metrics;

/** {@code GET /metrics}: every metric in the Prometheus text format 0.0.4. Not rate-limited. */
@Component(service = MetricsResource.class)
@JakartarsResource
@JakartarsName("herd.metrics")
@Path("/metrics")
public final class MetricsResource {

    /** The Prometheus text exposition content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;

    @Activate
    public MetricsResource(@Reference Metrics metrics) {
        this.metrics = metrics;
    }

    /** The scrape. */
    @GET
    @Produces({"text/plain", "*/*"})
    public Response scrape() throws IOException {
        StringBuilder out = new StringBuilder(8192);
        metrics.writeTo(out);
        return Response.ok(out.toString()).type(CONTENT_TYPE).build();
    }
}
