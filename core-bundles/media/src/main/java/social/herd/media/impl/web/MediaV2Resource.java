package social.herd.media.impl.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.media.impl.MediaService;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code POST /api/v2/media}: 200 with the processed media, or 202 with {@code url}
 * null when processing continues in the background (poll {@code GET /api/v1/media/:id}).
 */
@Component(service = MediaV2Resource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v2/media")
@Produces(MediaType.APPLICATION_JSON)
public final class MediaV2Resource {

    private final MediaService media;

    @Activate
    public MediaV2Resource(@Reference MediaService media) {
        this.media = media;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequiresScope("write:media")
    public Response upload(@HeaderParam("Content-Type") String type, InputStream body,
                           @Context ContainerRequestContext request) throws IOException, InterruptedException {
        return Uploads.accept(media, Auth.requireAccountId(request), Uploads.read(media, type, body), true);
    }
}
