package social.herd.web.impl.filters;

import social.herd.api.auth.TokenVerifier;

/**
 * Builds the web bundle's real authentication filter around our TokenVerifier, as DS would inject
 * it. Lives in the filter's package because that constructor is package-private (tests only).
 */
public final class WebFilters {

    private WebFilters() {}

    public static AuthenticationFilter authentication(TokenVerifier verifier) {
        return new AuthenticationFilter(verifier);
    }
}
