package social.herd.oauth.impl;

import social.herd.web.api.ApiException;

/**
 * The OAuth 2 errors (RFC 6749 section 5.2) with the descriptions Mastodon's Doorkeeper sends, as
 * {@link ApiException}s: the web bundle answers them as
 * {@code {"error":"invalid_grant","error_description":"..."}}.
 */
public final class OAuthErrors {

    private OAuthErrors() {}

    public static ApiException invalidRequest(String description) {
        return new ApiException(400, "invalid_request", description);
    }

    /** 401: unknown client, wrong secret or no client authentication. */
    public static ApiException invalidClient() {
        return new ApiException(401, "invalid_client", "Client authentication failed due to unknown client, "
                + "no client authentication included, or unsupported authentication method.");
    }

    public static ApiException invalidGrant() {
        return invalidGrant("The provided authorization grant is invalid, expired, revoked, does not match the "
                + "redirection URI used in the authorization request, or was issued to another client.");
    }

    public static ApiException invalidGrant(String description) {
        return new ApiException(400, "invalid_grant", description);
    }

    public static ApiException invalidScope() {
        return new ApiException(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
    }

    public static ApiException unsupportedGrantType() {
        return new ApiException(400, "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.");
    }

    /** 403 from {@code /oauth/revoke} for a token of another application. */
    public static ApiException unauthorizedClient() {
        return new ApiException(403, "unauthorized_client", "You are not authorized to revoke this token");
    }

    /** 429 in the web bundle's shape, for too many failed attempts from one address. */
    public static ApiException tooManyRequests() {
        return new ApiException(429, "Too many requests");
    }
}
