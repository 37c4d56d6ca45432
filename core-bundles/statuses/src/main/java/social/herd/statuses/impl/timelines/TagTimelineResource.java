package social.herd.statuses.impl.timelines;

import social.herd.web.api.PaginationLinks;
import jakarta.ws.rs.GET;
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
import social.herd.api.config.ServerSettings;
import social.herd.web.api.PageRequest;

/**
 * {@code GET /api/v1/timelines/tag/:hashtag}: public posts with the hashtag, or with any of
 * {@code any[]}, and with each of {@code all[]} and none of {@code none[]}; open to logged-out
 * callers.
 */
@Component(service = TagTimelineResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/timelines/tag")
@Produces(MediaType.APPLICATION_JSON)
public final class TagTimelineResource {

    private final TimelineService timelines;
    private final ServerSettings server;

    @Activate
    public TagTimelineResource(@Reference TimelineService timelines, @Reference ServerSettings server) {
        this.timelines = timelines;
        this.server = server;
    }

    @GET
    @Path("{hashtag}")
    public Response timeline(@PathParam("hashtag") String hashtag, @Context UriInfo uri,
                             @Context ContainerRequestContext request) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        List<String> any = new ArrayList<>();
        any.add(hashtag);
        any.addAll(values(q, "any"));
        TimelineService.Tags tags = new TimelineService.Tags(any, values(q, "all"), values(q, "none"));
        return PaginationLinks.response(timelines.publicPosts(PublicTimelineResource.viewer(request), PublicTimelineResource.scope(q),
                PublicTimelineResource.flag(q, "only_media"), tags, PageRequest.from(uri, 20, 40)), uri, server.publicUrl());
    }

    /** {@code name[]=a&name[]=b}, {@code name=a} or {@code name=a,b}... as clients send arrays. */
    static List<String> values(MultivaluedMap<String, String> q, String name) {
        List<String> out = new ArrayList<>();
        for (String key : List.of(name + "[]", name)) {
            for (String v : q.getOrDefault(key, List.of())) {
                for (String part : v.split(",")) if (!part.isBlank()) out.add(part);
            }
        }
        return out;
    }
}
