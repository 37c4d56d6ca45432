package social.herd.statuses.impl.timelines;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.statuses.impl.lists.ListTimeline;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequiresScope;

/** {@code GET /api/v1/timelines/list/:list_id}; its own root, as every timeline (see HomeTimelineResource). */
@Component(service = ListTimelineResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/timelines/list")
@Produces(MediaType.APPLICATION_JSON)
public final class ListTimelineResource {

    private final ListTimeline lists;
    private final ServerSettings server;

    @Activate
    public ListTimelineResource(@Reference ListTimeline lists, @Reference ServerSettings server) {
        this.lists = lists;
        this.server = server;
    }

    @GET
    @Path("{id: [0-9]{1,19}}")
    @RequiresScope("read:lists")
    public Response timeline(@PathParam("id") long id, @Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(lists.timeline(Auth.requireAccountId(request), id, PageRequest.from(uri, 20, 40)),
                uri, server.publicUrl());
    }
}
