package social.herd.webui.impl.favicons;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Every installed set's files at {@code /icons/:set/:file}: what pages and the manifest link, so
 * that switching sets changes the links and these URLs may be cached for an hour.
 */
@Component(service = IconsResource.class)
@JakartarsResource
@Path("/icons/{set: [a-z0-9-]{1,40}}/{file: [a-z0-9._-]{1,60}}")
public final class IconsResource {

    private final FaviconRegistry favicons;

    @Activate
    public IconsResource(@Reference FaviconRegistry favicons) {
        this.favicons = favicons;
    }

    @GET
    public Response icon(@PathParam("set") String set, @PathParam("file") String file) throws IOException {
        Optional<FaviconRegistry.Entry> entry = favicons.byName(set);
        if (entry.isEmpty()) return Response.status(404).build();
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3_600);
        return FaviconResource.serve(entry.get().set(), file, cache);
    }
}
