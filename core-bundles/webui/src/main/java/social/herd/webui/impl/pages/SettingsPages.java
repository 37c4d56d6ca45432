package social.herd.webui.impl.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.auth.AuthorizedApps;
import social.herd.webui.impl.render.ApiClient;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.Viewers;
import social.herd.webui.impl.render.Visit;

/**
 * The signed-in visitor's settings: {@code /settings/profile} (display name, bio, avatar, header,
 * fields, locked, bot; sent to {@code update_credentials} by the page's script) and
 * {@code /settings/preferences} (theme, default visibility, and the way to delete the account),
 * {@code /settings/sessions} (web sign-ins and authorized apps, each of which can be ended).
 */
@Component(service = SettingsPages.class)
@JakartarsResource
@Path("/settings")
public final class SettingsPages {

    private final Pages pages;
    private final Viewers viewers;
    private final ApiClient api;
    private final AuthorizedApps apps;

    @Activate
    public SettingsPages(@Reference Pages pages, @Reference Viewers viewers, @Reference ApiClient api,
                         @Reference AuthorizedApps apps) {
        this.pages = pages;
        this.viewers = viewers;
        this.api = api;
        this.apps = apps;
    }

    @GET
    @Path("sessions")
    public Response sessions(@Context HttpHeaders headers, @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        return SignedInPages.page(pages, viewers, visit, false, viewer -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (AuthorizedApps.Session s : apps.of(viewer.userId())) {
                Map<String, Object> r = new HashMap<>();
                r.put("id", Long.toString(s.tokenId()));
                r.put("name", s.web() ? "Web browser" : s.application());
                r.put("website", s.website());
                r.put("scopes", s.scopes());
                r.put("created", s.createdAt().toString());
                r.put("used", s.lastUsedAt() == null ? "never" : s.lastUsedAt().toString());
                r.put("current", s.tokenId() == viewer.tokenId());
                rows.add(r);
            }
            return pages.ok(visit, "settings_sessions.peb", Map.of("sessions", rows));
        });
    }

    /** Ends one session (revoking the current one signs this browser out). */
    @POST
    @Path("sessions/{id: [0-9]{1,19}}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") long id, @FormParam(Visit.CSRF_FIELD) String token, @Context HttpHeaders headers,
                           @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        return SignedInPages.page(pages, viewers, visit, false, viewer -> {
            if (!visit.accepts(token)) {
                return pages.page(visit, 403, "error.peb", Map.of("title", "Form expired", "message", "Please reload the page and try again."));
            }
            if (!apps.revoke(viewer.userId(), id)) {
                return pages.page(visit, 404, "error.peb", Map.of("title", "Not found", "message", "There is no such session of yours."));
            }
            return Response.seeOther(URI.create(id == viewer.tokenId() ? "/auth/sign_in" : "/settings/sessions")).build();
        });
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
