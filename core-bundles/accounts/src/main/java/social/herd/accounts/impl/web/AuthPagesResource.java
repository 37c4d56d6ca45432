package social.herd.accounts.impl.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.accounts.impl.NoteHtml;
import social.herd.accounts.impl.PasswordService;
import social.herd.accounts.impl.SignUpService;
import social.herd.web.api.Json;

/**
 * The plain pages behind mailed links: confirming an address and resetting a password. Kept
 * minimal (the themed web UI comes later); every dynamic value is escaped.
 */
@Component(service = AuthPagesResource.class)
@JakartarsResource
@Path("/auth")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class AuthPagesResource {

    private final SignUpService signUps;
    private final PasswordService passwords;

    @Activate
    public AuthPagesResource(@Reference SignUpService signUps, @Reference PasswordService passwords) {
        this.signUps = signUps;
        this.passwords = passwords;
    }

    @GET
    @Path("confirmation")
    public Response confirm(@QueryParam("confirmation_token") String token) {
        return switch (signUps.confirm(token)) {
            case CONFIRMED -> page(200, "Address confirmed", "Your address is confirmed. You can now sign in.");
            case CONFIRMED_AWAITING_APPROVAL -> page(200, "Address confirmed",
                    "Your address is confirmed. A moderator will review your sign-up; you will get an e-mail once it is approved.");
            case EXPIRED -> page(410, "Link expired",
                    "This confirmation link has expired. Sign in with your app to have a new one sent.");
            case INVALID -> page(404, "Invalid link",
                    "This confirmation link is invalid or was already used.");
        };
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestReset(@FormParam("user[email]") String userEmail, @FormParam("email") String email,
                                 @Context ContainerRequestContext request) {
        boolean allowed = passwords.requestReset(userEmail != null ? userEmail : email,
                AccountsResource.clientAddress(request));
        if (!allowed) return page(429, "Too many requests", "Too many requests. Try again in a few minutes.");
        // the same answer whether or not the address is registered
        return page(200, "Check your inbox",
                "If this address belongs to an account, an e-mail with a link to choose a new password is on its way.");
    }

    @GET
    @Path("password/edit")
    public Response editForm(@QueryParam("reset_password_token") String token) {
        return switch (passwords.check(token)) {
            case DONE -> form(token, null);
            case EXPIRED -> expired();
            case INVALID -> invalid();
        };
    }

    @PUT
    @Path("password/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetPut(@FormParam("reset_password_token") String token, @FormParam("password") String password,
                             @FormParam("password_confirmation") String confirmation) {
        return reset(token, password, confirmation);
    }

    /** HTML forms cannot send PUT. */
    @POST
    @Path("password/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetPost(@FormParam("reset_password_token") String token, @FormParam("password") String password,
                              @FormParam("password_confirmation") String confirmation) {
        return reset(token, password, confirmation);
    }

    private Response reset(String token, String password, String confirmation) {
        try {
            return switch (passwords.reset(token, password, confirmation == null ? "" : confirmation)) {
                case DONE -> page(200, "Password changed",
                        "Your password has been changed. Sign in again on every device with the new one.");
                case EXPIRED -> expired();
                case INVALID -> invalid();
            };
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() != 422) throw e;
            return form(token, errorText(e));
        }
    }

    private static String errorText(WebApplicationException e) {
        try {
            return Json.mapper().readTree(String.valueOf(e.getResponse().getEntity())).path("error").asText();
        } catch (Exception ignored) {
            return "The password was not accepted.";
        }
    }

    private static Response expired() {
        return page(410, "Link expired", "This password reset link has expired. Ask for a new one.");
    }

    private static Response invalid() {
        return page(404, "Invalid link", "This password reset link is invalid or was already used.");
    }

    private static Response form(String token, String error) {
        String body = (error == null ? "" : "<p class=\"error\">" + NoteHtml.escape(error) + "</p>")
                + "<form method=\"post\" action=\"/auth/password/edit\">"
                + "<input type=\"hidden\" name=\"reset_password_token\" value=\"" + NoteHtml.escape(token) + "\">"
                + "<label>New password <input type=\"password\" name=\"password\" autocomplete=\"new-password\" required minlength=\"8\"></label>"
                + "<label>Confirm new password <input type=\"password\" name=\"password_confirmation\" autocomplete=\"new-password\" required></label>"
                + "<button type=\"submit\">Set password</button></form>";
        return html(error == null ? 200 : 422, "Choose a new password", body);
    }

    private static Response page(int status, String title, String text) {
        return HtmlPage.text(status, title, text);
    }

    private static Response html(int status, String title, String body) {
        return HtmlPage.html(status, title, body);
    }
}
