package social.herd.oauth.impl.authorize;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.UserSummary;
import social.herd.api.accounts.Users;
import social.herd.api.config.ServerSettings;
import social.herd.oauth.impl.Params;
import social.herd.oauth.impl.Secrets;
import social.herd.web.api.WebRequests;

/**
 * {@code /oauth/authorize}: GET shows the sign-in and consent form, POST signs in and redirects
 * with a code (or shows it for out-of-band clients). Herd keeps no browser sessions yet, so the
 * user always signs in here, which also satisfies {@code force_login}.
 */
@Component(service = AuthorizeResource.class)
@JakartarsResource
@Path("/oauth/authorize")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class AuthorizeResource {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizeResource.class);

    /** Cookie holding the CSRF nonce of the browser. */
    static final String COOKIE = "herd_oauth_csrf";

    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    private final AuthorizationService service;
    private final CsrfTokens csrf;
    private final ServerSettings server;

    @Activate
    public AuthorizeResource(@Reference AuthorizationService service, @Reference CsrfTokens csrf,
            @Reference ServerSettings server) {
        this.service = service;
        this.csrf = csrf;
        this.server = server;
    }

    @GET
    public Response show(@Context UriInfo uri, @CookieParam(COOKIE) String nonce) {
        Params p = Params.of(uri.getQueryParameters());
        String lang = lang(p);
        return switch (service.check(p)) {
            case AuthorizationService.Check.Refused r -> page(400, AuthorizePages.error("Authorization failed", r.message(), lang));
            case AuthorizationService.Check.Invalid i -> redirectError(i.request(), i.error(), i.description(), lang);
            case AuthorizationService.Check.Valid v -> form(v.request(), nonce, lang, null, 200);
        };
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(MultivaluedMap<String, String> form, @CookieParam(COOKIE) String nonce,
            @Context ContainerRequestContext context) {
        Params p = Params.of(form);
        String lang = lang(p);
        AuthRequest request;
        switch (service.check(p)) {
            case AuthorizationService.Check.Refused r -> {
                return page(400, AuthorizePages.error("Authorization failed", r.message(), lang));
            }
            case AuthorizationService.Check.Invalid i -> {
                return redirectError(i.request(), i.error(), i.description(), lang);
            }
            case AuthorizationService.Check.Valid v -> request = v.request();
        }
        if (!csrf.check(p.get("authenticity_token"), nonce, request)) {
            LOG.debug("authorization form refused: CSRF token missing, expired or not matching");
            return page(403, AuthorizePages.error("Authorization failed",
                    "This form has expired or was not sent from this site. Go back to the application and try again.", lang));
        }
        if ("deny".equals(p.get("decision"))) {
            return redirectError(request, "access_denied",
                    "The resource owner or authorization server denied the request.", lang);
        }
        String login = p.get("login");
        String password = p.raw("password");
        if (login == null || password == null) {
            return form(request, nonce, lang, "Enter your e-mail address or username and your password.", 422);
        }
        Object client = context.getProperty(WebRequests.CLIENT_ADDRESS_PROPERTY);
        UserSummary user;
        switch (service.login(login, password, client == null ? "unknown" : client.toString())) {
            case Users.LoginResult.Success s -> user = s.user();
            case Users.LoginResult.Refused r -> {
                return r.reason() == Users.Reason.THROTTLED
                        ? page(429, AuthorizePages.error("Too many attempts", "Too many sign-in attempts. Try again later.", lang))
                        : form(request, nonce, lang, refusal(r.reason()), 401);
            }
        }
        if (!user.active()) return form(request, nonce, lang, refusal(Users.Reason.SUSPENDED), 401);
        String code = service.createCode(request, user);
        if (request.outOfBand()) return page(200, AuthorizePages.code(code, lang));
        return redirect(request, "code=" + encode(code));
    }

    private Response form(AuthRequest request, String nonce, String lang, String error, int status) {
        String n = nonce == null || nonce.length() < 32 || nonce.length() > 64 ? Secrets.random() : nonce;
        String body = AuthorizePages.form(request, csrf.issue(n, request), lang, error);
        boolean secure = "https".equalsIgnoreCase(server.publicUrl().getScheme());
        NewCookie cookie = new NewCookie.Builder(COOKIE).value(n).path("/oauth/authorize").httpOnly(true).secure(secure)
                .maxAge((int) CsrfTokens.LIFETIME.toSeconds()).sameSite(NewCookie.SameSite.LAX).build();
        return headers(Response.status(status).entity(body).cookie(cookie)).build();
    }

    private Response redirectError(AuthRequest request, String error, String description, String lang) {
        if (request.outOfBand()) return page(400, AuthorizePages.error("Authorization failed", description, lang));
        return redirect(request, "error=" + encode(error) + "&error_description=" + encode(description));
    }

    /** Sends the browser to the registered redirect URI with {@code query} and the client's state. */
    private static Response redirect(AuthRequest request, String query) {
        String base = request.redirectUri();
        String q = request.state() == null ? query : query + "&state=" + encode(request.state());
        String target = base + (base.contains("?") ? "&" : "?") + q;
        return Response.status(302).location(URI.create(target)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static Response page(int status, String html) {
        return headers(Response.status(status).entity(html)).build();
    }

    /**
     * No caching, no framing (clickjacking of the consent button), no script; only this site's
     * stylesheet. The web UI bundle, when installed, puts the page's {@code <main>} into the
     * visitor's theme ({@code Herd-Page-Frame}).
     */
    private static Response.ResponseBuilder headers(Response.ResponseBuilder b) {
        return b.type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'")
                .header("Herd-Page-Frame", "1")
                .header("Referrer-Policy", "no-referrer");
    }

    private static String refusal(Users.Reason reason) {
        return switch (reason) {
            case UNCONFIRMED -> "Your e-mail address is not confirmed yet.";
            case PENDING_APPROVAL -> "Your account is awaiting approval.";
            case SUSPENDED -> "Your login is currently disabled.";
            default -> "Invalid e-mail address or password.";
        };
    }

    private static String lang(Params p) {
        String lang = p.get("lang");
        return lang != null && LANG.matcher(lang).matches() ? lang : "en";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
