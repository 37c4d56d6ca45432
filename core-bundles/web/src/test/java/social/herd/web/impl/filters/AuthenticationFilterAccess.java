package social.herd.web.impl.filters;

import social.herd.api.auth.TokenVerifier;

/** Lets tests in other packages build the package-private auth filters. */
public final class AuthenticationFilterAccess {

    private AuthenticationFilterAccess() {}

    public static Object create(TokenVerifier verifier) {
        return new AuthenticationFilter(verifier);
    }

    public static Object scopeFilter() {
        return new ScopeFilter();
    }
}
