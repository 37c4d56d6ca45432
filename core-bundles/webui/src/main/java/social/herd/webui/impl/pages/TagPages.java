package social.herd.webui.impl.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.webui.impl.render.Visit;

/** {@code /tags/:tag}: the public posts with a hashtag, as {@link TimelinePages} lists them. */
@Component(service = TagPages.class)
@JakartarsResource
@Path("/tags/{tag: [\\p{L}\\p{N}_]{1,100}}")
public final class TagPages {

    private final TimelinePages timelines;

    @Activate
    public TagPages(@Reference TimelinePages timelines) {
        this.timelines = timelines;
    }

    @GET
    public Response tag(@PathParam("tag") String tag, @QueryParam("max_id") String maxId, @Context HttpHeaders headers,
                        @Context UriInfo uri) {
        String name = tag.toLowerCase(Locale.ROOT);
        return timelines.timeline(Visit.of(headers, uri), "#" + name, false, name, maxId);
    }
}
