package social.herd.statuses.impl.timelines;

import social.herd.web.api.PaginationLinks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.RequiresScope;

/**
 * {@code GET /api/v1/timelines/home}. Its own root: {@code /api/v1/timelines} must not be one, or
 * it would shadow the other timelines' roots (README, "Writing a bundle").
 */
@Component(service = HomeTimelineResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/timelines/home")
@Produces(MediaType.APPLICATION_JSON)
public final class HomeTimelineResource {

    private final HomeTimeline timelines;
    private final ServerSettings server;

    @Activate
    public HomeTimelineResource(@Reference HomeTimeline timelines, @Reference ServerSettings server) {
        this.timelines = timelines;
        this.server = server;
    }

    @GET
    @RequiresScope("read:statuses")
    public Response home(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(timelines.home(Auth.requireAccountId(request), PageRequest.from(uri, 20, 40)), uri, server.publicUrl());
    }
}
