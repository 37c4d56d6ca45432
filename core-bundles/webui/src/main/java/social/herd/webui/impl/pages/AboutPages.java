package social.herd.webui.impl.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.SiteInfo;
import social.herd.webui.impl.render.Visit;

/**
 * The landing and about page (description, rules, staff contact, figures, whether one may sign
 * up), and the privacy policy and terms of service as the admin wrote them.
 */
@Component(service = AboutPages.class)
@JakartarsResource
@Path("/")
public final class AboutPages {

    static final String DEFAULT_PRIVACY = """
            This server stores what you post and the account details you give it, to show them to \
            the people you choose. Posts you address to other servers are sent to them.

            The server keeps the addresses of recent sign-ins for security, and deletes them after a \
            while. It sets only the cookies it needs: your sign-in session, a form protection token \
            and your theme choice.

            You can delete your account at any time; your posts are then removed here and a deletion \
            is sent to the servers that received them.""";

    private final Pages pages;
    private final SiteInfo site;

    @Activate
    public AboutPages(@Reference Pages pages, @Reference SiteInfo site) {
        this.pages = pages;
        this.site = site;
    }

    @GET
    public Response landing(@Context HttpHeaders headers, @Context UriInfo uri) {
        return about(headers, uri);
    }

    @GET
    @Path("about")
    public Response about(@Context HttpHeaders headers, @Context UriInfo uri) {
        return pages.ok(Visit.of(headers, uri), "about.peb", Map.of());
    }

    @GET
    @Path("privacy-policy")
    public Response privacy(@Context HttpHeaders headers, @Context UriInfo uri) {
        String text = site.text("privacy_policy");
        return policy(Visit.of(headers, uri), "Privacy policy", text == null ? DEFAULT_PRIVACY : text);
    }

    @GET
    @Path("terms")
    public Response terms(@Context HttpHeaders headers, @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        String text = site.text("terms_of_service");
        if (text == null) {
            return pages.page(visit, 404, "error.peb", Map.of("title", "Terms of service",
                    "message", "This server has not published terms of service; its rules are on the about page."));
        }
        return policy(visit, "Terms of service", text);
    }

    private Response policy(Visit visit, String title, String text) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("paragraphs", paragraphs(text));
        return pages.ok(visit, "policy.peb", m);
    }

    /** Plain text split at blank lines; each paragraph is escaped by the template. */
    static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.split("\\R\\s*\\R")) {
            String s = p.strip();
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }
}
