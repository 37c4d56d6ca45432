package social.herd.webui.impl.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.Visit;
import social.herd.webui.impl.themes.ThemeRegistry;

/**
 * A visitor's own theme ({@code POST /settings/theme}, the chooser in every page's footer): any
 * installed theme, kept in a cookie for a year; {@code site} returns to the admin's site theme.
 * Then back to the page the form was on.
 */
@Component(service = ThemeChoiceResource.class)
@JakartarsResource
@Path("/settings/theme")
public final class ThemeChoiceResource {

    static final int YEAR = 365 * 24 * 3600;

    private final Pages pages;
    private final ThemeRegistry themes;

    @Activate
    public ThemeChoiceResource(@Reference Pages pages, @Reference ThemeRegistry themes) {
        this.pages = pages;
        this.themes = themes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response choose(@FormParam(Visit.CSRF_FIELD) String token, @FormParam("theme") String theme,
                           @FormParam("return_to") String returnTo, @Context HttpHeaders headers, @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        if (!visit.accepts(token)) {
            return pages.page(visit, 403, "error.peb", Map.of("title", "Form expired",
                    "message", "The form was too old or came from another site. Go back, reload the page and try again."));
        }
        boolean reset = theme == null || theme.equals("site");
        if (!reset && !themes.installed(theme)) {
            return pages.page(visit, 422, "error.peb", Map.of("title", "Unknown theme",
                    "message", "That theme is not installed here."));
        }
        String back = social.herd.webui.impl.session.Returns.safe(returnTo, "/");
        return Response.seeOther(URI.create(back))
                .cookie(Pages.cookie(Visit.THEME_COOKIE, reset ? "" : theme, visit.secure(), reset ? 0 : YEAR))
                .build();
    }
}
