package social.herd.accounts.impl.web;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;
import social.herd.accounts.impl.security.SecretTokens;
import social.herd.api.config.ServerSettings;

/**
 * Cross-site request forgery protection for the server-rendered forms, by double submit: the form
 * page sets a random token in a cookie and in a hidden field; a POST is accepted only when both
 * arrive and match. Another site can make a browser post a form but can neither read nor set the
 * cookie: it is SameSite=Strict and HttpOnly, and on HTTPS it carries the {@code __Host-} prefix,
 * which also stops a sibling subdomain from planting one.
 */
final class Csrf {

    /** The hidden field's name, as Rails calls it. */
    static final String FIELD = "authenticity_token";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ServerSettings server;

    Csrf(ServerSettings server) {
        this.server = server;
    }

    private boolean https() {
        return "https".equalsIgnoreCase(server.publicUrl().getScheme());
    }

    String cookieName() {
        return https() ? "__Host-herd_csrf" : "herd_csrf";
    }

    /** The token of this browser: the one in its cookie when well formed, otherwise a new one. */
    String token(HttpHeaders headers) {
        String existing = cookie(headers);
        return existing != null ? existing : SecretTokens.newToken();
    }

    /** The Set-Cookie header value that (re)sets {@code token}; a session cookie. */
    String setCookie(String token) {
        return cookieName() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (https() ? "; Secure" : "");
    }

    /** True when the posted field matches the cookie. */
    boolean valid(HttpHeaders headers, String posted) {
        String expected = cookie(headers);
        if (expected == null || posted == null) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), posted.getBytes(StandardCharsets.UTF_8));
    }

    /** The hidden input carrying {@code token}. */
    static String hiddenField(String token) {
        return "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + HtmlPage.esc(token) + "\">";
    }

    private String cookie(HttpHeaders headers) {
        Cookie c = headers == null ? null : headers.getCookies().get(cookieName());
        return c != null && c.getValue() != null && TOKEN.matcher(c.getValue()).matches() ? c.getValue() : null;
    }
}
