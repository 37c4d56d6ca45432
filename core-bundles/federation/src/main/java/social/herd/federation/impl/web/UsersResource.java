package social.herd.federation.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.federation.impl.inbox.InboxService;
import social.herd.federation.impl.outbox.Renderers;
import social.herd.federation.impl.render.Documents;
import social.herd.web.api.ApiException;

/**
 * Everything under {@code /users/:name}: the actor (JSON-LD for ActivityPub clients, a small page
 * for browsers), its inbox, collections and posts. Thin: documents come from
 * {@link CollectionService} and the renderers, the inbox from {@link InboxService}.
 */
@Component(service = UsersResource.class)
@JakartarsResource
@Path("/users/{name: [A-Za-z0-9_]{1,30}}")
public final class UsersResource {

    private final Renderers renderers;
    private final CollectionService collections;
    private final InboxService inbox;
    private final FetchAccess access;

    @Activate
    public UsersResource(@Reference Renderers renderers, @Reference CollectionService collections,
                         @Reference InboxService inbox, @Reference FetchAccess access) {
        this.renderers = renderers;
        this.collections = collections;
        this.inbox = inbox;
        this.access = access;
    }

    @GET
    public Response actor(@PathParam("name") String name, @Context HttpHeaders headers, @Context UriInfo uri) {
        Map<String, Object> person = renderers.actors().person(name).orElseThrow(ApiException::notFound);
        if (!Negotiation.wantsActivityJson(headers)) return Negotiation.page(person);
        // the actor stays readable unsigned even in authorized-fetch mode: its key is how others verify us
        access.requester(headers, uri, false);
        return ld(person);
    }

    @POST
    @Path("inbox")
    public Response inbox(@PathParam("name") String name, @Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        collections.account(name);
        inbox.receive(name, FetchAccess.pathAndQuery(uri), FetchAccess.headers(headers), body == null ? new byte[0] : body);
        return Response.accepted().build();
    }

    @GET
    @Path("outbox")
    public Response outbox(@PathParam("name") String name, @QueryParam("page") String page,
                           @QueryParam("max_id") Long maxId, @Context HttpHeaders headers, @Context UriInfo uri) {
        Optional<RemoteAccount> requester = access.requester(headers, uri, true);
        return ld(collections.outbox(name, page != null, maxId, requester));
    }

    @GET
    @Path("followers")
    public Response followers(@PathParam("name") String name, @QueryParam("page") Integer page,
                              @Context HttpHeaders headers, @Context UriInfo uri) {
        access.requester(headers, uri, true);
        return ld(collections.followers(name, page));
    }

    @GET
    @Path("following")
    public Response following(@PathParam("name") String name, @QueryParam("page") Integer page,
                              @Context HttpHeaders headers, @Context UriInfo uri) {
        access.requester(headers, uri, true);
        return ld(collections.following(name, page));
    }

    @GET
    @Path("collections/featured")
    public Response featured(@PathParam("name") String name, @Context HttpHeaders headers, @Context UriInfo uri) {
        access.requester(headers, uri, true);
        return ld(collections.featured(name));
    }

    @GET
    @Path("collections/tags")
    public Response featuredTags(@PathParam("name") String name, @Context HttpHeaders headers, @Context UriInfo uri) {
        access.requester(headers, uri, true);
        return ld(collections.featuredTags(name));
    }

    @GET
    @Path("statuses/{id: [0-9]{1,19}}")
    public Response status(@PathParam("name") String name, @PathParam("id") long id, @Context HttpHeaders headers,
                           @Context UriInfo uri) {
        Optional<RemoteAccount> requester = access.requester(headers, uri, true);
        Map<String, Object> note = collections.note(name, id, requester);
        if (!Negotiation.wantsActivityJson(headers)) return Negotiation.page(note);
        return ld(note);
    }

    @GET
    @Path("statuses/{id: [0-9]{1,19}}/activity")
    public Response statusActivity(@PathParam("name") String name, @PathParam("id") long id,
                                   @Context HttpHeaders headers, @Context UriInfo uri) {
        return ld(collections.noteActivity(name, id, access.requester(headers, uri, true)));
    }

    @GET
    @Path("statuses/{id: [0-9]{1,19}}/replies")
    public Response replies(@PathParam("name") String name, @PathParam("id") long id, @Context HttpHeaders headers,
                            @Context UriInfo uri) {
        return ld(collections.replies(name, id, access.requester(headers, uri, true)));
    }

    static Response ld(Map<String, Object> document) {
        return Response.ok(Documents.write(document), Documents.ACTIVITY_JSON + "; charset=utf-8")
                .header("Vary", "Accept, Signature").build();
    }
}
