package social.herd.oauth.impl.apps;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.auth.Principal;
import social.herd.oauth.impl.Params;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;

/** {@code /api/v1/apps}: register a client, and check an app token. */
@Component(service = AppsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/apps")
@Produces(MediaType.APPLICATION_JSON)
public final class AppsResource {

    private final ApplicationService apps;

    @Activate
    public AppsResource(@Reference ApplicationService apps) {
        this.apps = apps;
    }

    /** Registration as a form (Mastodon.py, toot). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public ApplicationViews.Credential createFromForm(MultivaluedMap<String, String> form) {
        return create(Params.of(form));
    }

    /** Registration as JSON (masto.js, megalodon). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ApplicationViews.Credential createFromJson(Map<String, Object> body) {
        return create(Params.ofJson(body));
    }

    private ApplicationViews.Credential create(Params params) {
        ApplicationService.Registered r = apps.register(params);
        return ApplicationViews.credential(r.application(), r.clientSecret());
    }

    /**
     * The token's application. Any valid token will do, application-only ones included, and no
     * particular scope is needed (Mastodon 4.3), so this is {@link Auth#require}, not a
     * {@code RequiresScope}.
     */
    @GET
    @Path("verify_credentials")
    public ApplicationViews.Public verifyCredentials(@Context ContainerRequestContext request) {
        Principal caller = Auth.require(request);
        return apps.byId(caller.applicationId()).map(ApplicationViews::of).orElseThrow(ApiException::unauthorized);
    }
}
