package social.herd.webui.impl.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.api.statuses.StatusPages;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.Viewers;
import social.herd.webui.impl.render.Visit;

/**
 * The read-only timelines anyone may open: {@code /public} (every public post known here),
 * {@code /public/local} (this server's) and, through {@link TagPages}, {@code /tags/:tag}, newest first, paginated by
 * {@code max_id} with a {@code Link} header.
 */
@Component(service = TimelinePages.class)
@JakartarsResource
@Path("/public")
public final class TimelinePages {

    static final int PAGE = 20;

    private final Pages pages;
    private final StatusPages statuses;
    private final ServerSettings server;
    private final Viewers viewers;

    @Activate
    public TimelinePages(@Reference Pages pages, @Reference StatusPages statuses, @Reference ServerSettings server,
                         @Reference Viewers viewers) {
        this.pages = pages;
        this.statuses = statuses;
        this.server = server;
        this.viewers = viewers;
    }

    @GET
    public Response federated(@QueryParam("max_id") String maxId, @Context HttpHeaders headers, @Context UriInfo uri) {
        return timeline(Visit.of(headers, uri), "Federated timeline", false, null, maxId);
    }

    @GET
    @Path("local")
    public Response local(@QueryParam("max_id") String maxId, @Context HttpHeaders headers, @Context UriInfo uri) {
        return timeline(Visit.of(headers, uri), "Local timeline", true, null, maxId);
    }

    Response timeline(Visit visit, String title, boolean local, String tag, String maxIdParam) {
        List<Map<String, Object>> posts = Entities.maps(statuses.publicPosts(viewers.accountId(visit), local, tag, Entities.maxId(maxIdParam), PAGE));
        Long next = Entities.lastId(posts, PAGE);
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("posts", posts);
        m.put("tag", tag);
        // signed in, the page is offered new posts as the streaming API announces them
        m.put("stream", tag != null ? "hashtag&tag=" + tag : local ? "public:local" : "public");
        if (next != null) m.put("next", visit.path() + "?max_id=" + next);
        Response r = pages.ok(visit, "timeline.peb", m);
        return next == null ? r : Response.fromResponse(r).header("Link", "<" + server.publicUrl() + visit.path()
                + "?max_id=" + next + ">; rel=\"next\"").build();
    }
}
