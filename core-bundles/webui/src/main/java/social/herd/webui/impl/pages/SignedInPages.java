package social.herd.webui.impl.pages;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import social.herd.web.api.ApiException;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.Viewers;
import social.herd.webui.impl.render.Visit;

/**
 * What every signed-in page does first: send signed-out visitors to the sign-in form (and back
 * afterwards), and show the API's refusals as a page rather than JSON.
 */
public final class SignedInPages {

    private SignedInPages() {}

    public static Response page(Pages pages, Viewers viewers, Visit visit, boolean staffOnly,
                         Function<Viewers.Viewer, Response> body) {
        Viewers.Viewer viewer = viewers.of(visit).orElse(null);
        if (viewer == null) {
            return Response.seeOther(URI.create("/auth/sign_in?return_to="
                    + URLEncoder.encode(visit.path(), StandardCharsets.UTF_8))).build();
        }
        if (staffOnly && !viewer.staff()) {
            return pages.page(visit, 403, "error.peb", Map.of("title", "Staff only",
                    "message", "This part of the site is for the server's staff."));
        }
        try {
            return body.apply(viewer);
        } catch (ApiException e) {
            return pages.page(visit, e.status() >= 400 && e.status() < 600 ? e.status() : 500, "error.peb",
                    Map.of("title", e.status() == 403 ? "Not allowed" : "Something went wrong", "message", e.error()));
        }
    }
}
