package social.herd.admin.impl.settings;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.web.api.Auth;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/**
 * Herd's instance settings API (Mastodon keeps these in its web admin only):
 * {@code GET /api/v1/admin/instance} lists the admin's overrides, {@code PATCH} (or {@code PUT})
 * changes some of them (an empty value returns a key to the configuration's). Keys: title,
 * short_description, extended_description, contact_username, contact_email, registrations_mode
 * (open, approved, none), privacy_policy, terms_of_service, thumbnail_url. Admins only.
 */
@Component(service = AdminInstanceResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/instance")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminInstanceResource {

    private final AdminSettings settings;

    @Activate
    public AdminInstanceResource(@Reference AdminSettings settings) {
        this.settings = settings;
    }

    @GET
    @RequiresScope("admin:read")
    public Map<String, String> get(@Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return new TreeMap<>(settings.current());
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write")
    public Map<String, String> patch(MultivaluedMap<String, String> form, @Context UriInfo uri,
                                     @Context ContainerRequestContext request) {
        return change(RequestParams.of(uri.getQueryParameters(), form), request);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write")
    public Map<String, String> patchJson(JsonNode body, @Context UriInfo uri, @Context ContainerRequestContext request) {
        return change(RequestParams.json(uri.getQueryParameters(), body), request);
    }

    @PUT
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write")
    public Map<String, String> put(MultivaluedMap<String, String> form, @Context UriInfo uri,
                                   @Context ContainerRequestContext request) {
        return change(RequestParams.of(uri.getQueryParameters(), form), request);
    }

    private Map<String, String> change(RequestParams p, ContainerRequestContext request) {
        Auth.requireAdmin(request);
        Map<String, String> changes = new LinkedHashMap<>();
        for (String name : p.names()) changes.put(name, p.get(name));
        settings.update(changes);
        return new TreeMap<>(settings.current());
    }
}
