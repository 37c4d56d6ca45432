package social.herd.statuses.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.statuses.impl.ModerationQueue;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.RequiresScope;

/**
 * The moderators' queue of held posts (Herd's own; Mastodon has no such endpoint):
 * {@code GET /api/v1/admin/held_statuses}, {@code POST .../:id/approve}, {@code POST .../:id/reject}.
 * Staff only.
 */
@Component(service = HeldStatusesResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/held_statuses")
@Produces(MediaType.APPLICATION_JSON)
public final class HeldStatusesResource {

    private final ModerationQueue queue;

    @Activate
    public HeldStatusesResource(@Reference ModerationQueue queue) {
        this.queue = queue;
    }

    @GET
    @RequiresScope("admin:read")
    public List<Status> list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return queue.held(Auth.requireStaff(request), PageRequest.from(uri, 20, 40));
    }

    @POST
    @Path("{id: [0-9]+}/approve")
    @RequiresScope("admin:write")
    public Status approve(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return queue.approve(Auth.requireStaff(request), id);
    }

    @POST
    @Path("{id: [0-9]+}/reject")
    @RequiresScope("admin:write")
    public Map<String, Object> reject(@PathParam("id") long id, @Context ContainerRequestContext request) {
        queue.reject(Auth.requireStaff(request), id);
        return Map.of();
    }
}
