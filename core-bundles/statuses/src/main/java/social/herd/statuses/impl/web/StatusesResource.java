package social.herd.statuses.impl.web;

import social.herd.web.api.PaginationLinks;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.statuses.impl.EditRequest;
import social.herd.statuses.impl.EditService;
import social.herd.statuses.impl.InteractionService;
import social.herd.statuses.impl.PinService;
import social.herd.statuses.impl.PostRequest;
import social.herd.statuses.impl.PostingService;
import social.herd.statuses.impl.StatusEntities;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.StatusEntities.StatusEdit;
import social.herd.statuses.impl.StatusEntities.StatusSource;
import social.herd.statuses.impl.StatusQueries;
import social.herd.statuses.impl.scheduled.ScheduledStatusService;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v1/statuses}: post (or schedule, with {@code scheduled_at}), edit (with history and source), view, delete,
 * context, favourite, reblog, bookmark, pin, conversation mute and who favourited or reblogged. Thin: parse, call one service method, answer.
 */
@Component(service = StatusesResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/statuses")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusesResource {

    private static final String ID = "{id: [0-9]{1,19}}";

    private final PostingService posting;
    private final EditService editing;
    private final PinService pins;
    private final InteractionService interactions;
    private final StatusQueries queries;
    private final ServerSettings server;
    private final ScheduledStatusService scheduled;

    @Activate
    public StatusesResource(@Reference PostingService posting, @Reference EditService editing, @Reference PinService pins,
                            @Reference InteractionService interactions, @Reference StatusQueries queries,
                            @Reference ServerSettings server, @Reference ScheduledStatusService scheduled) {
        this.posting = posting;
        this.editing = editing;
        this.pins = pins;
        this.interactions = interactions;
        this.queries = queries;
        this.server = server;
        this.scheduled = scheduled;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:statuses")
    public Object postForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                           @HeaderParam("Idempotency-Key") String key, @Context ContainerRequestContext request) {
        return post(Params.of(uri.getQueryParameters(), form), key, request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:statuses")
    public Object postJson(@Context UriInfo uri, JsonNode body, @HeaderParam("Idempotency-Key") String key,
                           @Context ContainerRequestContext request) {
        return post(Params.json(uri.getQueryParameters(), body), key, request);
    }

    /** A Status, or with {@code scheduled_at} a ScheduledStatus, as Mastodon answers. */
    private Object post(Params in, String key, ContainerRequestContext request) {
        long author = Auth.requireAccountId(request);
        PostRequest post = new PostRequest(in.get("status"), in.ids("media_ids"), in.get("spoiler_text"),
                in.bool("sensitive", false), in.get("visibility"), in.id("in_reply_to_id"), in.get("language"), key,
                in.poll());
        String at = in.get("scheduled_at");
        if (at != null && !at.isBlank()) return scheduled.schedule(author, post, ScheduledStatusesResource.time(at));
        return posting.post(author, post);
    }

    @PUT
    @Path(ID)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:statuses")
    public Status editForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                           @Context ContainerRequestContext request) {
        return edit(id, Params.of(uri.getQueryParameters(), form), request);
    }

    @PUT
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:statuses")
    public Status editJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                           @Context ContainerRequestContext request) {
        return edit(id, Params.json(uri.getQueryParameters(), body), request);
    }

    /** Absent fields keep what the status has; absent {@code media_ids} keep the media (see EditRequest). */
    private Status edit(long id, Params in, ContainerRequestContext request) {
        return editing.edit(Auth.requireAccountId(request), id, new EditRequest(in.get("status"), in.get("spoiler_text"),
                in.bool("sensitive"), in.get("language"), in.has("media_ids") ? in.ids("media_ids") : null, in.poll()));
    }

    @GET
    @Path(ID + "/history")
    public List<StatusEdit> history(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return editing.history(viewer(request), id);
    }

    @GET
    @Path(ID + "/source")
    public StatusSource source(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return editing.source(viewer(request), id);
    }

    @POST
    @Path(ID + "/pin")
    @RequiresScope("write:accounts")
    public Status pin(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return pins.pin(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/unpin")
    @RequiresScope("write:accounts")
    public Status unpin(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return pins.unpin(Auth.requireAccountId(request), id);
    }

    /** Public; a token, when sent, makes private posts the caller may see visible. */
    @GET
    @Path(ID)
    public Status get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return queries.get(viewer(request), id);
    }

    @DELETE
    @Path(ID)
    @RequiresScope("write:statuses")
    public Status delete(@PathParam("id") long id, @Context UriInfo uri, @Context ContainerRequestContext request) {
        boolean deleteMedia = Params.of(uri.getQueryParameters(), null).bool("delete_media", false);
        return posting.delete(Auth.requireAccountId(request), id, deleteMedia);
    }

    @GET
    @Path(ID + "/context")
    public StatusEntities.Context context(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return queries.context(viewer(request), id);
    }

    @POST
    @Path(ID + "/favourite")
    @RequiresScope("write:favourites")
    public Status favourite(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return interactions.favourite(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/unfavourite")
    @RequiresScope("write:favourites")
    public Status unfavourite(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return interactions.unfavourite(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/reblog")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:statuses")
    public Status reblogForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                             @Context ContainerRequestContext request) {
        return interactions.reblog(Auth.requireAccountId(request), id,
                Params.of(uri.getQueryParameters(), form).get("visibility"));
    }

    @POST
    @Path(ID + "/reblog")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:statuses")
    public Status reblogJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                             @Context ContainerRequestContext request) {
        return interactions.reblog(Auth.requireAccountId(request), id,
                Params.json(uri.getQueryParameters(), body).get("visibility"));
    }

    @POST
    @Path(ID + "/unreblog")
    @RequiresScope("write:statuses")
    public Status unreblog(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return interactions.unreblog(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/bookmark")
    @RequiresScope("write:bookmarks")
    public Status bookmark(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return interactions.bookmark(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/unbookmark")
    @RequiresScope("write:bookmarks")
    public Status unbookmark(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return interactions.unbookmark(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/mute")
    @RequiresScope("write:mutes")
    public Status mute(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return interactions.muteConversation(Auth.requireAccountId(request), id);
    }

    @POST
    @Path(ID + "/unmute")
    @RequiresScope("write:mutes")
    public Status unmute(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return interactions.unmuteConversation(Auth.requireAccountId(request), id);
    }

    @GET
    @Path(ID + "/favourited_by")
    public Response favouritedBy(@PathParam("id") long id, @Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(queries.favouritedBy(viewer(request), id, PageRequest.from(uri, 40, 80)), uri, server.publicUrl());
    }

    @GET
    @Path(ID + "/reblogged_by")
    public Response rebloggedBy(@PathParam("id") long id, @Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(queries.rebloggedBy(viewer(request), id, PageRequest.from(uri, 40, 80)), uri, server.publicUrl());
    }

    /** The caller's account, or null for anonymous and application-only callers. */
    static Long viewer(ContainerRequestContext request) {
        return Auth.principal(request).filter(p -> p.accountId().isPresent())
                .map(p -> p.accountId().getAsLong()).orElse(null);
    }
}
