package social.herd.statuses.impl.web;

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
import social.herd.statuses.impl.StatusQueries;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.RequiresScope;

/** The caller's bookmarks: {@code /api/v1/bookmarks}, paged by the bookmark row's id with a {@code Link} header. */
@Component(service = BookmarksResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/bookmarks")
@Produces(MediaType.APPLICATION_JSON)
public final class BookmarksResource {

    private final StatusQueries queries;
    private final ServerSettings server;

    @Activate
    public BookmarksResource(@Reference StatusQueries queries, @Reference ServerSettings server) {
        this.queries = queries;
        this.server = server;
    }

    @GET
    @RequiresScope("read:bookmarks")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(queries.bookmarks(Auth.requireAccountId(request), PageRequest.from(uri, 20, 40)), uri, server.publicUrl());
    }
}
