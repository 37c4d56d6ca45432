package social.herd.accounts.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.accounts.impl.ProfileService;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * The signed-in user's posting and reading preferences: {@code GET /api/v1/preferences}.
 */
@Component(service = PreferencesResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/preferences")
@Produces(MediaType.APPLICATION_JSON)
public final class PreferencesResource {

    private final ProfileService profiles;

    @Activate
    public PreferencesResource(@Reference ProfileService profiles) {
        this.profiles = profiles;
    }

    @GET
    @RequiresScope("read:accounts")
    public Map<String, Object> preferences(@Context ContainerRequestContext request) {
        return profiles.preferences(Auth.requireAccountId(request));
    }

}
