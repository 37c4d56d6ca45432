package social.herd.timelines.impl.web;

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
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.timelines.impl.Entities.Notification;
import social.herd.timelines.impl.Entities.UnreadCount;
import social.herd.timelines.impl.NotificationQueries;
import social.herd.timelines.impl.NotificationQueries.Selection;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v1/notifications}: list (filtered by type and account, paged with a
 * {@code Link} header), one, dismiss, clear and the unread count. One root for all of them
 * (README, "Writing a bundle"). Thin: parse, call one service method, answer.
 */
@Component(service = NotificationsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public final class NotificationsResource {

    private static final String ID = "{id: [0-9]{1,19}}";

    private final NotificationQueries queries;
    private final ServerSettings server;

    @Activate
    public NotificationsResource(@Reference NotificationQueries queries, 
                                 @Reference ServerSettings server) {
        this.queries = queries;
        this.server = server;
    }

    @GET
    @RequiresScope("read:notifications")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        long viewer = caller(request);
        Selection selection = selection(RequestParams.of(uri.getQueryParameters(), null));
        return PaginationLinks.response(queries.list(viewer, selection, PageRequest.from(uri, 40, 80)), uri,
                server.publicUrl());
    }

    /** Notifications newer than the {@code notifications} marker; {@code limit} caps the count (100, at most 1000). */
    @GET
    @Path("unread_count")
    @RequiresScope("read:notifications")
    public UnreadCount unreadCount(@Context UriInfo uri, @Context ContainerRequestContext request) {
        long viewer = caller(request);
        int cap = PageRequest.from(uri, 100, 1000).limit();
        return new UnreadCount(queries.unreadCount(viewer, selection(RequestParams.of(uri.getQueryParameters(), null)), cap));
    }

    @GET
    @Path(ID)
    @RequiresScope("read:notifications")
    public Notification get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return queries.get(Auth.requireAccountId(request), id);
    }

    @POST
    @Path("clear")
    @RequiresScope("write:notifications")
    public Map<String, Object> clear(@Context ContainerRequestContext request) {
        queries.clear(Auth.requireAccountId(request));
        return Map.of();
    }

    @POST
    @Path(ID + "/dismiss")
    @RequiresScope("write:notifications")
    public Map<String, Object> dismiss(@PathParam("id") long id, @Context ContainerRequestContext request) {
        queries.dismiss(Auth.requireAccountId(request), id);
        return Map.of();
    }

    private static long caller(ContainerRequestContext request) {
        return Auth.requireAccountId(request);
    }

    private static Selection selection(RequestParams in) {
        return new Selection(in.has("types") ? nonBlank(in.all("types")) : null, nonBlank(in.all("exclude_types")),
                in.id("account_id"));
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }
}
