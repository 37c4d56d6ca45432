package social.herd.timelines.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.timelines.impl.Entities.Marker;
import social.herd.timelines.impl.MarkerService;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v1/markers}: {@code GET ?timeline[]=home&timeline[]=notifications} and
 * {@code POST} with {@code home[last_read_id]} / {@code notifications[last_read_id]} as a form or JSON.
 */
@Component(service = MarkersResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/markers")
@Produces(MediaType.APPLICATION_JSON)
public final class MarkersResource {

    private final MarkerService markers;

    @Activate
    public MarkersResource(@Reference MarkerService markers) {
        this.markers = markers;
    }

    @GET
    @RequiresScope("read:statuses")
    public Map<String, Marker> get(@Context UriInfo uri, @Context ContainerRequestContext request) {
        long viewer = Auth.requireAccountId(request);
        return markers.get(viewer, RequestParams.of(uri.getQueryParameters(), null).all("timeline"));
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:statuses")
    public Map<String, Marker> setForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                                       @Context ContainerRequestContext request) {
        return set(RequestParams.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:statuses")
    public Map<String, Marker> setJson(@Context UriInfo uri, JsonNode body, @Context ContainerRequestContext request) {
        return set(RequestParams.json(uri.getQueryParameters(), body), request);
    }

    private Map<String, Marker> set(RequestParams in, ContainerRequestContext request) {
        long viewer = Auth.requireAccountId(request);
        Map<String, Long> positions = new LinkedHashMap<>();
        for (String timeline : MarkerService.TIMELINES) {
            String name = timeline + "[last_read_id]";
            if (in.has(name)) {
                Long id = in.id(name);
                if (id == null) throw ApiException.unprocessable("Validation failed: " + name + " can't be blank");
                positions.put(timeline, id);
            }
        }
        return markers.set(viewer, positions);
    }
}
