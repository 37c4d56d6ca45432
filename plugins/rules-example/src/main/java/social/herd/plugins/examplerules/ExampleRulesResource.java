package social.herd.plugins.examplerules;

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
import social.herd.spi.rules.Rule;
import social.herd.spi.rules.RuleProvider;

/**
 * Shows that a plugin can add an HTTP endpoint the same way core does: a DS component with
 * {@code @JakartarsResource}. It lists only this plugin's rules; it exists while the jar is in
 * deploy/ and answers 404 once the jar is removed.
 */
@Component(service = ExampleRulesResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/example/rules")
public final class ExampleRulesResource {

    private final RuleProvider rules;

    @Activate
    public ExampleRulesResource(
            @Reference(target = "(component.name=social.herd.plugins.examplerules.CommunityRules)") RuleProvider rules) {
        this.rules = rules;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Rule> list(@HeaderParam("Accept-Language") String language) {
        return rules.rules(language != null && language.startsWith("de") ? Locale.GERMAN : Locale.ENGLISH);
    }
}
