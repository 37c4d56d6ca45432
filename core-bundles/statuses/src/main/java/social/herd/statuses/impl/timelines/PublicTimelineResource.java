package social.herd.statuses.impl.timelines;

import social.herd.web.api.PaginationLinks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;

/**
 * {@code GET /api/v1/timelines/public} ({@code ?local}, {@code ?remote}, {@code ?only_media}); open
 * to logged-out callers, as Mastodon's default.
 */
@Component(service = PublicTimelineResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/timelines/public")
@Produces(MediaType.APPLICATION_JSON)
public final class PublicTimelineResource {

    private final TimelineService timelines;
    private final ServerSettings server;

    @Activate
    public PublicTimelineResource(@Reference TimelineService timelines, @Reference ServerSettings server) {
        this.timelines = timelines;
        this.server = server;
    }

    @GET
    public Response timeline(@Context UriInfo uri, @Context ContainerRequestContext request) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        return PaginationLinks.response(timelines.publicPosts(viewer(request), scope(q), flag(q, "only_media"), null,
                PageRequest.from(uri, 20, 40)), uri, server.publicUrl());
    }

    /** The caller's account, or null for anonymous and application-only callers. */
    static Long viewer(ContainerRequestContext request) {
        return Auth.principal(request).filter(p -> p.accountId().isPresent())
                .map(p -> p.accountId().getAsLong()).orElse(null);
    }

    /** {@code local=true}: true; {@code remote=true}: false; neither: null (both). */
    static Boolean scope(MultivaluedMap<String, String> q) {
        if (flag(q, "local")) return Boolean.TRUE;
        if (flag(q, "remote")) return Boolean.FALSE;
        return null;
    }

    static boolean flag(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        return v != null && switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "on", "yes", "y" -> true;
            default -> false;
        };
    }
}
