package social.herd.oauth.impl.authorize;

import java.util.LinkedHashMap;
import java.util.Map;
import social.herd.oauth.impl.apps.Application;

/**
 * An authorization request whose client and redirect URI have been checked, so that errors may be
 * sent back to {@code redirectUri}.
 *
 * @param scope               the requested scopes, space-separated ({@code read} when none)
 * @param state               the client's opaque value, returned unchanged, or {@code null}
 * @param codeChallenge       the PKCE challenge, or {@code null}
 * @param codeChallengeMethod {@code S256} or {@code plain} when there is a challenge
 */
public record AuthRequest(Application app, String redirectUri, String scope, String state, String codeChallenge,
                          String codeChallengeMethod) {

    /** True when the code is shown to the user instead of being sent to a redirect URI. */
    public boolean outOfBand() {
        return Application.OOB.equals(redirectUri);
    }

    /** The values the authorization form carries along, in a fixed order. */
    Map<String, String> hiddenFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("response_type", "code");
        f.put("client_id", app.clientId());
        f.put("redirect_uri", redirectUri);
        f.put("scope", scope);
        f.put("state", state);
        f.put("code_challenge", codeChallenge);
        f.put("code_challenge_method", codeChallengeMethod);
        return f;
    }
}
