package social.herd.accounts.impl.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.accounts.impl.AccountDeletion;
import social.herd.api.config.ServerSettings;

/**
 * Self-serve account deletion ({@code /auth/delete}): e-mail or username, password, and the
 * username typed again. Thin: the checks and the writes are {@link AccountDeletion}'s.
 */
@Component(service = DeletionPageResource.class)
@JakartarsResource
@Path("/auth/delete")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class DeletionPageResource {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final AccountDeletion deletion;
    private final Csrf csrf;

    @Activate
    public DeletionPageResource(@Reference AccountDeletion deletion, @Reference ServerSettings server) {
        this.deletion = deletion;
        this.csrf = new Csrf(server);
    }

    @GET
    public Response form(@Context HttpHeaders headers) {
        return render(200, "", null, headers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(MultivaluedMap<String, String> params, @Context HttpHeaders headers,
                           @Context ContainerRequestContext request) {
        if (!csrf.valid(headers, params.getFirst(Csrf.FIELD))) {
            return HtmlPage.text(403, "Form expired", "This form has expired. Reload the page and try again.");
        }
        String login = params.getFirst("login") == null ? "" : params.getFirst("login").trim();
        AccountDeletion.Result result = deletion.request(login, params.getFirst("password"),
                params.getFirst("confirm_username"), AccountsResource.clientAddress(request));
        return switch (result.status()) {
            case SCHEDULED -> HtmlPage.text(200, "Account deleted", "Your account will be deleted on "
                    + DATE.format(result.deleteAfter()) + ". It is no longer visible and you have been signed out "
                    + "everywhere. Until then, contact the server's staff if you change your mind.");
            case THROTTLED -> HtmlPage.text(429, "Too many attempts", "Too many attempts. Try again in a few minutes.");
            case INVALID_CREDENTIALS -> render(422, login, "Invalid e-mail address, username or password.", headers);
            case CONFIRMATION_MISMATCH -> render(422, login, "The username you typed does not match the account.", headers);
            case NOT_ALLOWED -> HtmlPage.text(403, "Not possible", "This account cannot be deleted here.");
        };
    }

    private Response render(int status, String login, String error, HttpHeaders headers) {
        String token = csrf.token(headers);
        String body = "<p>Deleting your account cannot be undone once the grace period of "
                + AccountDeletion.GRACE_PERIOD.toDays() + " days has passed. Your profile disappears at once.</p>"
                + (error == null ? "" : "<p class=\"error\">" + HtmlPage.esc(error) + "</p>")
                + "<form method=\"post\" action=\"/auth/delete\">" + Csrf.hiddenField(token)
                + "<label>E-mail address or username <input type=\"text\" name=\"login\" value=\"" + HtmlPage.esc(login)
                + "\" autocomplete=\"username\" required></label>"
                + "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>"
                + "<label>Type your username to confirm <input type=\"text\" name=\"confirm_username\" autocomplete=\"off\" required></label>"
                + "<button type=\"submit\">Delete my account</button></form>";
        return HtmlPage.builder(status, "Delete your account", body).header("Set-Cookie", csrf.setCookie(token)).build();
    }
}
