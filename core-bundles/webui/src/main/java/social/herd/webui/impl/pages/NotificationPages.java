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

/** The signed-in visitor's notifications ({@code /notifications}), newest first. */
@Component(service = NotificationPages.class)
@JakartarsResource
@Path("/notifications")
public final class NotificationPages {

    static final int PAGE = 20;

    private final Pages pages;
    private final Viewers viewers;
    private final ApiClient api;

    @Activate
    public NotificationPages(@Reference Pages pages, @Reference Viewers viewers, @Reference ApiClient api) {
        this.pages = pages;
        this.viewers = viewers;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("max_id") String maxId, @Context HttpHeaders headers, @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        return SignedInPages.page(pages, viewers, visit, false, viewer -> {
            Long max = Entities.maxId(maxId);
            List<Map<String, Object>> items = api.list(viewer.token(), "/api/v1/notifications?limit=" + PAGE
                    + (max == null ? "" : "&max_id=" + max));
            Map<String, Object> m = new HashMap<>();
            m.put("notifications", items);
            m.put("stream", "user:notification");
            Long next = Entities.lastId(items, PAGE);
            if (next != null) m.put("next", "/notifications?max_id=" + next);
            return pages.ok(visit, "notifications.peb", m);
        });
    }
}
