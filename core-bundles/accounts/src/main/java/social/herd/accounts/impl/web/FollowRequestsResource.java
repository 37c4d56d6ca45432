package social.herd.accounts.impl.web;

import social.herd.web.api.PaginationLinks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import social.herd.accounts.impl.RelationshipQueries;
import social.herd.accounts.impl.RelationshipService;
import social.herd.accounts.impl.RelationshipViews.Relationship;
import social.herd.api.config.ServerSettings;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.RequiresScope;

/**
 * Pending follow requests to the caller: {@code /api/v1/follow_requests}, authorize and reject.
 */
@Component(service = FollowRequestsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/follow_requests")
@Produces(MediaType.APPLICATION_JSON)
public final class FollowRequestsResource {

    private static final String ACCOUNT_ID = "{account_id: [0-9]{1,19}}";

    private final RelationshipService relationships;
    private final RelationshipQueries queries;
    private final ServerSettings server;

    @Activate
    public FollowRequestsResource(@Reference RelationshipService relationships,
            @Reference RelationshipQueries queries,
            @Reference ServerSettings server) {
        this.relationships = relationships;
        this.queries = queries;
        this.server = server;
    }

    @GET
    @RequiresScope("read:follows")
    public Response followRequests(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(queries.followRequests(Auth.requireAccountId(request),
                PageRequest.from(uri, 40, 80)), uri, server.publicUrl());
    }

    @POST
    @Path(ACCOUNT_ID + "/authorize")
    @RequiresScope("write:follows")
    public Relationship authorize(@PathParam("account_id") long accountId, @Context ContainerRequestContext request) {
        return relationships.authorize(Auth.requireAccountId(request), accountId);
    }

    @POST
    @Path(ACCOUNT_ID + "/reject")
    @RequiresScope("write:follows")
    public Relationship reject(@PathParam("account_id") long accountId, @Context ContainerRequestContext request) {
        return relationships.reject(Auth.requireAccountId(request), accountId);
    }
}
