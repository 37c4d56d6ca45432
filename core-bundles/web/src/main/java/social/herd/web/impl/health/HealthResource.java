package social.herd.web.impl.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.health.HealthStatus.State;

/**
 * {@code GET /health}: liveness, always {@code 200 {"status":"up"}} while the server answers.
 * {@code GET /health/ready}: readiness from every {@code HealthCheck}: 503 if any is down, 200 with
 * {@code "status":"degraded"} if any is degraded, else 200 {@code "status":"up"}; the body lists
 * each check as {@code {"name","status","detail"}}. Neither is rate-limited.
 */
@Component(service = HealthResource.class)
@JakartarsResource
@JSONRequired
@JakartarsName("herd.health")
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private static final Liveness UP = new Liveness("up");

    private final HealthAggregator aggregator;

    @Activate
    public HealthResource(@Reference HealthAggregator aggregator) {
        this.aggregator = aggregator;
    }

    /** Liveness: no dependency is checked. */
    @GET
    public Liveness live() {
        return UP;
    }

    /** Readiness. */
    @GET
    @Path("ready")
    public Response ready() {
        HealthAggregator.Report report = aggregator.check();
        List<Check> checks = report.results().stream()
                .map(r -> new Check(r.name(), lower(r.state()), r.detail()))
                .toList();
        int status = report.state() == State.DOWN ? 503 : 200;
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(new Readiness(lower(report.state()), checks))
                .build();
    }

    private static String lower(State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** {@code {"status":"up"}}. */
    public record Liveness(String status) {
    }

    /** The readiness body. */
    public record Readiness(String status, List<Check> checks) {
    }

    /** One check in the readiness body. */
    public record Check(String name, String status, String detail) {
    }
}
