package social.herd.accounts.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.accounts.impl.SignUpService;
import social.herd.api.auth.Principal;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * Resends the confirmation mail to a signed-up, unconfirmed user: {@code POST /api/v1/emails/confirmations}.
 */
@Component(service = EmailConfirmationsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/emails/confirmations")
@Produces(MediaType.APPLICATION_JSON)
public final class EmailConfirmationsResource {

    private final SignUpService signUps;

    @Activate
    public EmailConfirmationsResource(@Reference SignUpService signUps) {
        this.signUps = signUps;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope(value = "write:accounts", allowUnconfirmed = true)
    public Map<String, Object> resendForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                                          @Context ContainerRequestContext request) {
        return resend(FormInput.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(value = "write:accounts", allowUnconfirmed = true)
    public Map<String, Object> resendJson(@Context UriInfo uri, JsonNode body, @Context ContainerRequestContext request) {
        return resend(FormInput.json(uri.getQueryParameters(), body), request);
    }

    private Map<String, Object> resend(FormInput in, ContainerRequestContext request) {
        Principal p = Auth.require(request);
        long userId = p.userId().orElseThrow(() -> new social.herd.web.api.ApiException(422,
                "This method requires an authenticated user"));
        signUps.resendConfirmation(userId, in.get("email"));
        return Map.of();
    }
}
