package social.herd.accounts.impl.web;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.accounts.impl.RelationshipQueries;
import social.herd.accounts.impl.RelationshipService;
import social.herd.accounts.impl.RelationshipViews.FamiliarFollowers;
import social.herd.accounts.impl.RelationshipViews.Relationship;
import social.herd.api.config.ServerSettings;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's relationship endpoints under {@code /api/v1/accounts}: follow, unfollow, block, mute,
 * note, remove_from_followers, relationships, familiar_followers, followers and following. Thin:
 * parse, call one service method, answer.
 */
@Component(service = RelationshipsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class RelationshipsResource {

    private static final String ID = "{id: [0-9]{1,19}}";

    private final RelationshipService relationships;
    private final RelationshipQueries queries;
    private final ServerSettings server;

    @Activate
    public RelationshipsResource(@Reference RelationshipService relationships, @Reference RelationshipQueries queries,
                                 @Reference ServerSettings server) {
        this.relationships = relationships;
        this.queries = queries;
        this.server = server;
    }

    @POST
    @Path(ID + "/follow")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:follows")
    public Relationship followForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                                   @Context ContainerRequestContext request) {
        return follow(id, FormInput.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Path(ID + "/follow")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:follows")
    public Relationship followJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                                   @Context ContainerRequestContext request) {
        return follow(id, FormInput.json(uri.getQueryParameters(), body), request);
    }

    private Relationship follow(long id, FormInput in, ContainerRequestContext request) {
        RelationshipService.FollowOptions options = new RelationshipService.FollowOptions(in.bool("reblogs"),
                in.bool("notify"), in.list("languages"));
        return relationships.follow(Auth.requireAccountId(request), id, options);
    }

    @POST
    @Path(ID + "/unfollow")
    @RequiresScope("write:follows")
    public Relationship unfollow(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return relationships.unfollow(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/remove_from_followers")
    @RequiresScope("write:follows")
    public Relationship removeFromFollowers(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return relationships.removeFromFollowers(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/block")
    @RequiresScope("write:blocks")
    public Relationship block(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return relationships.block(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/unblock")
    @RequiresScope("write:blocks")
    public Relationship unblock(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return relationships.unblock(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/mute")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:mutes")
    public Relationship muteForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                                 @Context ContainerRequestContext request) {
        return mute(id, FormInput.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Path(ID + "/mute")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:mutes")
    public Relationship muteJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                                 @Context ContainerRequestContext request) {
        return mute(id, FormInput.json(uri.getQueryParameters(), body), request);
    }

    private Relationship mute(long id, FormInput in, ContainerRequestContext request) {
        Boolean notifications = in.bool("notifications");
        return relationships.mute(Auth.requireAccountId(request), id, notifications == null || notifications,
                seconds(in.get("duration")));
    }

    @POST
    @Path(ID + "/unmute")
    @RequiresScope("write:mutes")
    public Relationship unmute(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return relationships.unmute(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/note")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:accounts")
    public Relationship noteForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                                 @Context ContainerRequestContext request) {
        return relationships.note(Auth.requireAccountId(request), id,
                FormInput.of(uri.getQueryParameters(), form).get("comment"));
    }

    @POST
    @Path(ID + "/note")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:accounts")
    public Relationship noteJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                                 @Context ContainerRequestContext request) {
        return relationships.note(Auth.requireAccountId(request), id,
                FormInput.json(uri.getQueryParameters(), body).get("comment"));
    }

    @GET
    @Path("relationships")
    @RequiresScope("read:follows")
    public List<Relationship> relationships(@Context UriInfo uri, @Context ContainerRequestContext request) {
        boolean suspended = Boolean.TRUE.equals(FormInput.of(uri.getQueryParameters(), null).bool("with_suspended"));
        return queries.relationships(Auth.requireAccountId(request), ids(uri), suspended);
    }

    @GET
    @Path("familiar_followers")
    @RequiresScope("read:follows")
    public List<FamiliarFollowers> familiarFollowers(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return queries.familiarFollowers(Auth.requireAccountId(request), ids(uri));
    }

    /** Public, as in Mastodon; accounts that hide their collections are not honoured yet. */
    @GET
    @Path(ID + "/followers")
    public Response followers(@PathParam("id") long id, @Context UriInfo uri) {
        return PaginationLinks.response(queries.followers(id, PageRequest.from(uri, 40, 80)), uri, server.publicUrl());
    }

    @GET
    @Path(ID + "/following")
    public Response following(@PathParam("id") long id, @Context UriInfo uri) {
        return PaginationLinks.response(queries.following(id, PageRequest.from(uri, 40, 80)), uri, server.publicUrl());
    }

    /** {@code id[]=1&id[]=2} or {@code id=1}; values that are not ids are ignored, as Mastodon finds nothing for them. */
    static List<Long> ids(UriInfo uri) {
        List<String> raw = new ArrayList<>();
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (query.get("id[]") != null) raw.addAll(query.get("id[]"));
        if (query.get("id") != null) raw.addAll(query.get("id"));
        List<Long> out = new ArrayList<>();
        for (String v : raw) {
            String s = v == null ? "" : v.strip();
            if (s.matches("[0-9]{1,18}")) out.add(Long.parseLong(s));
        }
        return out;
    }

    /** Mastodon's mute duration in seconds; absent, non-numeric or 0 means "until unmuted". */
    static long seconds(String value) {
        if (value == null || value.isBlank()) return 0;
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
