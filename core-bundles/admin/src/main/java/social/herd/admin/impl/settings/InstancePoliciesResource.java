package social.herd.admin.impl.settings;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.web.api.ApiException;

/**
 * Mastodon's public texts of the server: {@code /api/v1/instance/privacy_policy},
 * {@code /api/v1/instance/terms_of_service} and {@code /api/v1/instance/extended_description},
 * each {@code {"updated_at", "content"}} with the admin's text as escaped HTML paragraphs. 404 for
 * terms that were never written, as Mastodon answers.
 */
@Component(service = InstancePoliciesResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/instance/{text: privacy_policy|terms_of_service|extended_description}")
@Produces(MediaType.APPLICATION_JSON)
public final class InstancePoliciesResource {

    private final AdminSettings settings;

    @Activate
    public InstancePoliciesResource(@Reference AdminSettings settings) {
        this.settings = settings;
    }

    @GET
    public Map<String, Object> get(@jakarta.ws.rs.PathParam("text") String text) {
        String content = settings.get(text).orElse(null);
        if (content == null && text.equals("terms_of_service")) throw ApiException.notFound();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("updated_at", null);
        out.put("content", content == null ? "" : html(content));
        return out;
    }

    /** Plain text to safe HTML: escaped, blank lines make paragraphs, single newlines line breaks. */
    static String html(String text) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            String escaped = paragraph.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\"", "&quot;").replace("'", "&#39;");
            out.append("<p>").append(escaped.replaceAll("\\R", "<br>")).append("</p>");
        }
        return out.toString();
    }
}
