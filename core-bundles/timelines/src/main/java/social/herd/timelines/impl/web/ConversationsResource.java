package social.herd.timelines.impl.web;

import jakarta.ws.rs.DELETE;
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
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.timelines.impl.Entities.Conversation;
import social.herd.timelines.impl.conversations.ConversationQueries;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequiresScope;

/** Mastodon's {@code /api/v1/conversations}: list (paged by last status), remove, mark read. */
@Component(service = ConversationsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
public final class ConversationsResource {

    private static final String ID = "{id: [0-9]{1,19}}";

    private final ConversationQueries conversations;
    private final ServerSettings server;

    @Activate
    public ConversationsResource(@Reference ConversationQueries conversations, @Reference ServerSettings server) {
        this.conversations = conversations;
        this.server = server;
    }

    @GET
    @RequiresScope("read:statuses")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(conversations.list(Auth.requireAccountId(request), PageRequest.from(uri, 20, 40)),
                uri, server.publicUrl());
    }

    @DELETE
    @Path(ID)
    @RequiresScope("write:conversations")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        conversations.delete(Auth.requireAccountId(request), id);
        return Map.of();
    }

    @POST
    @Path(ID + "/read")
    @RequiresScope("write:conversations")
    public Conversation read(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return conversations.read(Auth.requireAccountId(request), id);
    }
}
