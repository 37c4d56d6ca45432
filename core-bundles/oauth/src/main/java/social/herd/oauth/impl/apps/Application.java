package social.herd.oauth.impl.apps;

import java.util.List;
import java.util.Set;
import social.herd.api.auth.Scopes;

/**
 * A registered OAuth client.
 *
 * @param scopes the scopes registered, in the order given (the ceiling of every token it gets)
 */
public record Application(long id, String name, String website, List<String> redirectUris, Set<String> scopes,
                          String clientId, String clientSecretHash) {

    /** Mastodon's out-of-band redirect: show the code instead of redirecting. */
    public static final String OOB = "urn:ietf:wg:oauth:2.0:oob";

    public Application {
        redirectUris = List.copyOf(redirectUris);
        scopes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes));
    }

    /** True when {@code uri} is exactly one of the registered redirect URIs (RFC 6749 3.1.2.3). */
    public boolean allowsRedirect(String uri) {
        return uri != null && redirectUris.contains(uri);
    }

    /**
     * True when every requested scope is known and within what the app registered; a registered
     * broad scope covers its fine-grained forms ({@code read} covers {@code read:accounts}).
     */
    public boolean allowsScopes(Set<String> requested) {
        if (requested.isEmpty() || !Scopes.allKnown(requested)) return false;
        for (String s : requested) {
            if (!Scopes.allows(scopes, s)) return false;
        }
        return true;
    }

    /** The registered scopes, space-separated. */
    public String scopeText() {
        return String.join(" ", scopes);
    }
}
