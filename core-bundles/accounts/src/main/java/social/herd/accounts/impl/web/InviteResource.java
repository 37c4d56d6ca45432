package social.herd.accounts.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.accounts.impl.SignUpService;
import social.herd.api.config.ServerSettings;

/** Invite links ({@code /invite/CODE}): on to the sign-up form with the code filled in, or why not. */
@Component(service = InviteResource.class)
@JakartarsResource
@Path("/invite")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class InviteResource {

    private final SignUpService signUps;
    private final ServerSettings server;

    @Activate
    public InviteResource(@Reference SignUpService signUps, @Reference ServerSettings server) {
        this.signUps = signUps;
        this.server = server;
    }

    @GET
    @Path("{code: [A-Za-z0-9_-]{1,64}}")
    public Response invite(@PathParam("code") String code) {
        return switch (signUps.inviteState(code)) {
            // absolute, on the public address: the request's own host may be an internal one behind a proxy
            case VALID -> Response.status(302).location(URI.create(server.publicUrl().toString().replaceAll("/+$", "")
                    + "/auth/sign_up?invite=" + URLEncoder.encode(code, StandardCharsets.UTF_8)))
                    .header("Cache-Control", "no-store").build();
            case EXPIRED -> HtmlPage.text(410, "Invite expired",
                    "This invite has expired or was used up. Ask the person who invited you for a new one.");
            case UNKNOWN -> HtmlPage.text(404, "Invalid invite", "This invite link is invalid.");
        };
    }
}
