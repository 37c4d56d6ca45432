package social.herd.statuses.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.statuses.impl.PollService;
import social.herd.statuses.impl.StatusEntities.Poll;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/** Mastodon's {@code /api/v1/polls}: view a poll (as visible as its status) and vote. */
@Component(service = PollsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/polls")
@Produces(MediaType.APPLICATION_JSON)
public final class PollsResource {

    private static final String ID = "{id: [0-9]{1,19}}";

    private final PollService polls;

    @Activate
    public PollsResource(@Reference PollService polls) {
        this.polls = polls;
    }

    /** Public; a token, when sent, adds {@code voted} and {@code own_votes}. */
    @GET
    @Path(ID)
    public Poll get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return polls.get(StatusesResource.viewer(request), id);
    }

    @POST
    @Path(ID + "/votes")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:statuses")
    public Poll voteForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                         @Context ContainerRequestContext request) {
        return polls.vote(Auth.requireAccountId(request), id, Params.of(uri.getQueryParameters(), form).ints("choices"));
    }

    @POST
    @Path(ID + "/votes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:statuses")
    public Poll voteJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                         @Context ContainerRequestContext request) {
        return polls.vote(Auth.requireAccountId(request), id, Params.json(uri.getQueryParameters(), body).ints("choices"));
    }
}
