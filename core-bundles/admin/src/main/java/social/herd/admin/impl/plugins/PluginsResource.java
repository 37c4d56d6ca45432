package social.herd.admin.impl.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.Multipart;
import social.herd.web.api.RequiresScope;

/**
 * Herd's plugin administration (Mastodon has none): {@code GET /api/v1/admin/plugins},
 * {@code GET /:id}, {@code POST} (multipart, field {@code file}), {@code POST /:id/enable},
 * {@code POST /:id/disable}, {@code DELETE /:id}, {@code PUT /:id/config} (JSON object). Staff may
 * look; only admins and the owner may change plugins, since a plugin runs inside the server
 * (moderators may look but not install code).
 */
@Component(service = PluginsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginsResource {

    private static final String ID = "{id: [A-Za-z0-9_.-]{1,200}}";
    private final PluginService plugins;

    @Activate
    public PluginsResource(@Reference PluginService plugins) {
        this.plugins = plugins;
    }

    @GET
    @RequiresScope("admin:read")
    public List<PluginService.Plugin> list(@Context ContainerRequestContext request) {
        Auth.requireStaff(request);
        return plugins.list();
    }

    @GET
    @Path(ID)
    @RequiresScope("admin:read")
    public PluginService.Plugin get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Auth.requireStaff(request);
        return plugins.get(id);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequiresScope("admin:write")
    public PluginService.Plugin upload(@HeaderParam("Content-Type") String type, InputStream body,
                                       @Context ContainerRequestContext request) throws IOException {
        long admin = Auth.requireAdmin(request);
        int max = plugins.maxUploadBytes();
        Multipart.Parts parts = Multipart.read(type, body, max + 64 * 1024,
                new ApiException(413, "The plugin jar is larger than " + max / (1024 * 1024) + " MB"));
        Multipart.FilePart file = parts.files().get("file");
        if (file == null || file.bytes().length == 0) throw ApiException.unprocessable("file is missing: send the jar as field 'file'");
        if (file.bytes().length > max) throw new ApiException(413, "The plugin jar is larger than " + max / (1024 * 1024) + " MB");
        return plugins.upload(file.bytes(), admin);
    }

    @POST
    @Path(ID + "/enable")
    @RequiresScope("admin:write")
    public PluginService.Plugin enable(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return plugins.setEnabled(id, true);
    }

    @POST
    @Path(ID + "/disable")
    @RequiresScope("admin:write")
    public PluginService.Plugin disable(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return plugins.setEnabled(id, false);
    }

    @DELETE
    @Path(ID)
    @RequiresScope("admin:write")
    public Map<String, Object> delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        plugins.delete(id);
        return Map.of();
    }

    @PUT
    @Path(ID + "/config")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write")
    public PluginService.Plugin configure(@PathParam("id") String id, JsonNode settings,
                                          @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return plugins.configure(id, settings);
    }

}
