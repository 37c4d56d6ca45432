package social.herd.accounts.impl.web;

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
import social.herd.accounts.impl.RelationshipQueries;
import social.herd.api.config.ServerSettings;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.RequiresScope;

/**
 * The accounts the caller blocks: {@code /api/v1/blocks}, paged by block row id with a {@code Link} header.
 */
@Component(service = BlocksResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/blocks")
@Produces(MediaType.APPLICATION_JSON)
public final class BlocksResource {
    private final RelationshipQueries queries;
    private final ServerSettings server;

    @Activate
    public BlocksResource(@Reference RelationshipQueries queries, @Reference ServerSettings server) {
        this.queries = queries;
        this.server = server;
    }

    @GET
    @RequiresScope("read:blocks")
    public Response blocks(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(queries.blocks(Auth.requireAccountId(request),
                PageRequest.from(uri, 40, 80)), uri, server.publicUrl());
    }
}
