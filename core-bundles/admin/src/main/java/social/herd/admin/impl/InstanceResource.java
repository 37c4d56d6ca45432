package social.herd.admin.impl;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** Mastodon's {@code /api/v1/instance} and {@code /api/v1/instance/rules}; public. */
@Component(service = InstanceResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/instance")
@Produces(MediaType.APPLICATION_JSON)
public final class InstanceResource {

    private final InstanceService instance;

    @Activate
    public InstanceResource(@Reference InstanceService instance) {
        this.instance = instance;
    }

    @GET
    public InstanceViews.V1 v1(@HeaderParam("Accept-Language") String language) {
        return instance.v1(locale(language));
    }

    @GET
    @Path("rules")
    public List<InstanceViews.RuleView> rules(@HeaderParam("Accept-Language") String language) {
        return instance.rules(locale(language));
    }

    /** The first language of an Accept-Language header; English when absent or unreadable. */
    static Locale locale(String header) {
        if (header == null || header.isBlank()) return Locale.ENGLISH;
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            return ranges.isEmpty() ? Locale.ENGLISH : Locale.forLanguageTag(ranges.get(0).getRange());
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }
}
