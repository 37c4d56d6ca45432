package social.herd.web.impl.files;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** The images shown for accounts without an avatar or header, at Mastodon's URLs. */
@Component(service = DefaultImagesResource.class)
@JakartarsResource
@Path("/avatars/original/missing.png")
public final class DefaultImagesResource {

    @GET
    @Produces("image/png")
    public Response avatar() {
        return image("/static/missing-avatar.png");
    }

    static Response image(String resource) {
        InputStream in = DefaultImagesResource.class.getResourceAsStream(resource);
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        return Response.ok(in, "image/png").cacheControl(cache).build();
    }
}
