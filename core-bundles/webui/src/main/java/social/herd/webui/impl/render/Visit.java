package social.herd.webui.impl.render;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * One page request as the pages need it: the visitor's theme choice and CSRF token (both
 * cookies; a visitor without a token gets a new one with the response), the path, and whether the
 * site is served over https (for the cookies' {@code Secure} flag).
 *
 * <p>CSRF protection is the double-submit cookie: every form carries the value of the HttpOnly,
 * {@code SameSite=Lax} cookie {@value #CSRF_COOKIE}, and a post is accepted only when the two
 * match. Another site can neither read the cookie nor make the browser send it on a cross-site
 * post.
 */
public record Visit(String path, String themeChoice, String csrf, boolean newCsrf, boolean secure, Locale locale,
                    String session, String clientAddress) {

    public static final String CSRF_COOKIE = "herd_csrf";
    public static final String THEME_COOKIE = "herd_theme";
    public static final String CSRF_FIELD = "authenticity_token";
    /** The web session: an access token of the Web application ({@code WebSessions}). */
    public static final String SESSION_COOKIE = "herd_session";

    private static final SecureRandom RANDOM = new SecureRandom();

    public static Visit of(HttpHeaders headers, UriInfo uri) {
        return of(headers.getRequestHeaders(), headers.getCookies(), uri);
    }

    /** The same from a filter's view of the request. */
    public static Visit of(jakarta.ws.rs.core.MultivaluedMap<String, String> headers, java.util.Map<String, Cookie> cookies,
                           UriInfo uri) {
        Cookie csrf = cookies.get(CSRF_COOKIE);
        Cookie theme = cookies.get(THEME_COOKIE);
        boolean valid = csrf != null && csrf.getValue() != null && csrf.getValue().matches("[A-Za-z0-9_-]{20,100}");
        String token = valid ? csrf.getValue() : newToken();
        String proto = headers.getFirst("X-Forwarded-Proto");
        boolean secure = "https".equalsIgnoreCase(uri.getBaseUri().getScheme()) || "https".equalsIgnoreCase(proto);
        String choice = theme == null || theme.getValue() == null || !theme.getValue().matches("[a-z0-9-]{1,40}")
                ? null : theme.getValue();
        Cookie session = cookies.get(SESSION_COOKIE);
        String sessionToken = session == null || session.getValue() == null || !session.getValue().matches("[A-Za-z0-9_-]{20,100}")
                ? null : session.getValue();
        return new Visit("/" + uri.getPath().replaceFirst("^/", ""), choice, token, !valid, secure, Locale.ENGLISH,
                sessionToken, null);
    }

    /** The same visit with the client's address (for sign-in throttling), as the web bundle worked it out. */
    public Visit from(String address) {
        return new Visit(path, themeChoice, csrf, newCsrf, secure, locale, session, address);
    }

    /** The same visit with the token another bundle's response is setting in the same cookie. */
    public Visit withCsrf(String token) {
        return new Visit(path, themeChoice, token, false, secure, locale, session, clientAddress);
    }

    /** Whether a posted form's token is this visitor's. */
    public boolean accepts(String token) {
        if (newCsrf || token == null || token.length() != csrf.length()) return false;
        int diff = 0;
        for (int i = 0; i < token.length(); i++) diff |= token.charAt(i) ^ csrf.charAt(i);
        return diff == 0;
    }

    private static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
