package social.herd.streaming.impl.web;

import java.util.Optional;
import social.herd.api.auth.Principal;
import social.herd.api.auth.TokenVerifier;
import social.herd.streaming.impl.hub.StreamException;

/**
 * Who opens a stream. The token comes, in Mastodon's order of preference, from
 * {@code Authorization: Bearer}, the {@code access_token} query parameter, or (WebSocket only, as
 * masto.js sends it) {@code Sec-WebSocket-Protocol}. Since Mastodon 4.2 every stream needs a user
 * token: public streams too, and application-only tokens are refused.
 */
final class Access {

    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;

    Access(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The token of a request, or null when it carries none. */
    static String token(String authorization, String accessTokenParam, String subprotocol) {
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && !authorization.substring(BEARER.length()).isBlank()) {
            return authorization.substring(BEARER.length()).strip();
        }
        if (accessTokenParam != null && !accessTokenParam.isBlank()) return accessTokenParam.strip();
        if (subprotocol != null && !subprotocol.isBlank()) return subprotocol.strip();
        return null;
    }

    /**
     * The caller behind {@code token}.
     *
     * @throws StreamException 401 for a missing, invalid or application-only token; 403 for a user who
     *                         has not confirmed the e-mail address
     */
    Principal authenticate(String token) throws StreamException {
        if (token == null) throw new StreamException(401, "Missing access token");
        Optional<Principal> p = verifier.verify(token);
        if (p.isEmpty() || p.get().accountId().isEmpty()) throw new StreamException(401, "Invalid access token");
        if (!p.get().confirmed()) throw new StreamException(403, "Your login is missing a confirmed e-mail address");
        return p.get();
    }

    /** True while {@code token} still verifies: open streams of a revoked token are ended. */
    boolean stillValid(String token) {
        try {
            authenticate(token);
            return true;
        } catch (StreamException e) {
            return false;
        }
    }
}
