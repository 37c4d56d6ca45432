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
import social.herd.webui.impl.render.ApiClient;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.Viewers;
import social.herd.webui.impl.render.Visit;

/**
 * The signed-in home ({@code /home}): the compose form and the home timeline, which the page's
 * script keeps live through the streaming API (it offers the new posts as they arrive).
 */
@Component(service = HomePages.class)
@JakartarsResource
@Path("/home")
public final class HomePages {

    static final int PAGE = 20;

    private final Pages pages;
    private final Viewers viewers;
    private final ApiClient api;

    @Activate
    public HomePages(@Reference Pages pages, @Reference Viewers viewers, @Reference ApiClient api) {
        this.pages = pages;
        this.viewers = viewers;
        this.api = api;
    }

    @GET
    public Response home(@QueryParam("max_id") String maxId, @QueryParam("in_reply_to") String inReplyTo,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        return SignedInPages.page(pages, viewers, visit, false, viewer -> {
            Long max = Entities.maxId(maxId);
            List<Map<String, Object>> posts = api.list(viewer.token(), "/api/v1/timelines/home?limit=" + PAGE
                    + (max == null ? "" : "&max_id=" + max));
            Map<String, Object> m = new HashMap<>();
            m.put("title", "Home");
            m.put("posts", posts);
            m.put("stream", "user");
            Long replyTo = Entities.maxId(inReplyTo);
            if (replyTo != null) m.put("reply_to", api.object(viewer.token(), "/api/v1/statuses/" + replyTo));
            Long next = Entities.lastId(posts, PAGE);
            if (next != null) m.put("next", "/home?max_id=" + next);
            return pages.ok(visit, "home.peb", m);
        });
    }
}
