package social.herd.webui.impl.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
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
 * The signed-in visitor's settings: {@code /settings/profile} (display name, bio, avatar, header,
 * fields, locked, bot; sent to {@code update_credentials} by the page's script) and
 * {@code /settings/preferences} (theme, default visibility, and the way to delete the account).
 */
@Component(service = SettingsPages.class)
@JakartarsResource
@Path("/settings")
public final class SettingsPages {

    private final Pages pages;
    private final Viewers viewers;
    private final ApiClient api;

    @Activate
    public SettingsPages(@Reference Pages pages, @Reference Viewers viewers, @Reference ApiClient api) {
        this.pages = pages;
        this.viewers = viewers;
        this.api = api;
    }

    @GET
    @Path("profile")
    public Response profile(@Context HttpHeaders headers, @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        return SignedInPages.page(pages, viewers, visit, false, viewer -> {
            Map<String, Object> m = new HashMap<>();
            m.put("me", api.object(viewer.token(), "/api/v1/accounts/verify_credentials"));
            return pages.ok(visit, "settings_profile.peb", m);
        });
    }

    @GET
    @Path("preferences")
    public Response preferences(@Context HttpHeaders headers, @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        return SignedInPages.page(pages, viewers, visit, false, viewer -> {
            Map<String, Object> m = new HashMap<>();
            m.put("me", api.object(viewer.token(), "/api/v1/accounts/verify_credentials"));
            return pages.ok(visit, "settings_preferences.peb", m);
        });
    }
}
