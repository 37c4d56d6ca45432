package social.herd.media.impl.web;

import social.herd.web.api.Multipart;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import social.herd.media.impl.db.MediaRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v1/media}: the synchronous upload (deprecated by Mastodon, still used by
 * clients), and reading and editing one's own uploads. Thin: parse, call the service, answer.
 */
@Component(service = MediaV1Resource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/media")
@Produces(MediaType.APPLICATION_JSON)
public final class MediaV1Resource {

    private final MediaService media;

    @Activate
    public MediaV1Resource(@Reference MediaService media) {
        this.media = media;
    }

    /** Always answers processed media (200). */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequiresScope("write:media")
    public Response upload(@HeaderParam("Content-Type") String type, InputStream body,
                           @Context ContainerRequestContext request) throws IOException, InterruptedException {
        return Uploads.accept(media, Auth.requireAccountId(request), Uploads.read(media, type, body), false);
    }

    /** 200 when ready, 206 while processing, 422 when processing failed. */
    @GET
    @Path("{id: [0-9]{1,19}}")
    @RequiresScope("write:media")
    public Response get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        MediaRow row = media.get(Auth.requireAccountId(request), id);
        if (MediaRow.FAILED.equals(row.state())) {
            throw ApiException.unprocessable(row.failure() == null ? "Error processing uploaded media" : row.failure());
        }
        return Response.status(MediaRow.READY.equals(row.state()) ? 200 : 206).entity(media.views().entity(row)).build();
    }

    @PUT
    @Path("{id: [0-9]{1,19}}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:media")
    public Object updateForm(@PathParam("id") long id, @FormParam("description") String description,
                             @FormParam("focus") String focus, @Context ContainerRequestContext request) {
        return update(id, description, focus, request);
    }

    @PUT
    @Path("{id: [0-9]{1,19}}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:media")
    public Object updateJson(@PathParam("id") long id, JsonNode body, @Context ContainerRequestContext request) {
        JsonNode json = body == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : body;
        return update(id, text(json.get("description")), text(json.get("focus")), request);
    }

    @PUT
    @Path("{id: [0-9]{1,19}}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequiresScope("write:media")
    public Object updateMultipart(@PathParam("id") long id, @HeaderParam("Content-Type") String type, InputStream body,
                                  @Context ContainerRequestContext request) throws IOException {
        Multipart.Parts parts = Uploads.read(media, type, body);
        return update(id, parts.values().get("description"), parts.values().get("focus"), request);
    }

    private Object update(long id, String description, String focus, ContainerRequestContext request) {
        return media.views().entity(media.update(Auth.requireAccountId(request), id, description, focus));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
