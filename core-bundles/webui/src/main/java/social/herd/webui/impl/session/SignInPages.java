package social.herd.webui.impl.session;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.accounts.Users;
import social.herd.api.auth.WebSessions;
import social.herd.web.api.WebRequests;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.Visit;

/**
 * Signing in and out of the web pages ({@code /auth/sign_in}, {@code /auth/sign_out}). The
 * password check is the accounts bundle's, with its throttling of repeated failures per account
 * and address; a success opens a web session (an HttpOnly, {@code SameSite=Lax} cookie).
 */
@Component(service = SignInPages.class)
@JakartarsResource
@Path("/auth")
public final class SignInPages {

    /** How long a browser stays signed in. */
    static final int SESSION_SECONDS = 30 * 24 * 3600;

    private final Pages pages;
    private final Users users;
    private final WebSessions sessions;

    @Activate
    public SignInPages(@Reference Pages pages, @Reference Users users, @Reference WebSessions sessions) {
        this.pages = pages;
        this.users = users;
        this.sessions = sessions;
    }

    @GET
    @Path("sign_in")
    public Response form(@QueryParam("return_to") String returnTo, @Context HttpHeaders headers, @Context UriInfo uri) {
        return form(Visit.of(headers, uri), 200, "", Returns.safe(returnTo, null), null);
    }

    @POST
    @Path("sign_in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam(Visit.CSRF_FIELD) String token, @FormParam("login") String login,
                           @FormParam("password") String password, @FormParam("return_to") String returnTo,
                           @Context HttpHeaders headers, @Context UriInfo uri, @Context ContainerRequestContext request) {
        Object address = request.getProperty(WebRequests.CLIENT_ADDRESS_PROPERTY);
        Visit visit = Visit.of(headers, uri).from(address == null ? null : address.toString());
        String back = Returns.safe(returnTo, null);
        if (!visit.accepts(token)) return form(visit, 403, login, back, "The form expired. Please try again.");
        if (login == null || login.isBlank() || password == null || password.isEmpty()) {
            return form(visit, 422, login, back, "Enter your e-mail address or username and your password.");
        }
        if (login.length() > 320 || password.length() > 1024) return form(visit, 422, "", back, "Invalid e-mail address or password.");
        Users.LoginResult result = users.login(login.strip(), password, visit.clientAddress());
        if (result instanceof Users.LoginResult.Refused refused) {
            int status = refused.reason() == Users.Reason.THROTTLED ? 429 : 401;
            return form(visit, status, login, back, switch (refused.reason()) {
                case INVALID_CREDENTIALS -> "Invalid e-mail address or password.";
                case UNCONFIRMED -> "Please confirm your e-mail address first: follow the link in the mail we sent you.";
                case PENDING_APPROVAL -> "Your account is waiting for the staff's approval.";
                case SUSPENDED -> "This account is suspended.";
                case THROTTLED -> "Too many attempts. Please wait a few minutes and try again.";
            });
        }
        long userId = ((Users.LoginResult.Success) result).user().userId();
        String session = sessions.open(userId);
        return Response.seeOther(URI.create(back == null ? "/home" : back))
                .cookie(Pages.cookie(Visit.SESSION_COOKIE, session, visit.secure(), SESSION_SECONDS)).build();
    }

    /** The form asking for a password reset mail; the accounts bundle's {@code POST /auth/password} sends it. */
    @GET
    @Path("password/new")
    public Response passwordForm(@Context HttpHeaders headers, @Context UriInfo uri) {
        return pages.ok(Visit.of(headers, uri), "password_new.peb", Map.of());
    }

    @POST
    @Path("sign_out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam(Visit.CSRF_FIELD) String token, @Context HttpHeaders headers, @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        if (!visit.accepts(token)) {
            return pages.page(visit, 403, "error.peb", Map.of("title", "Form expired", "message", "Please reload the page and try again."));
        }
        if (visit.session() != null) sessions.close(visit.session());
        return Response.seeOther(URI.create("/about")).cookie(Pages.cookie(Visit.SESSION_COOKIE, "", visit.secure(), 0)).build();
    }

    private Response form(Visit visit, int status, String login, String returnTo, String error) {
        Map<String, Object> m = new HashMap<>();
        m.put("login", login == null ? "" : login);
        m.put("return_to", returnTo == null ? "" : returnTo);
        if (error != null) m.put("error", error);
        return pages.page(visit, status, "sign_in.peb", m);
    }
}
