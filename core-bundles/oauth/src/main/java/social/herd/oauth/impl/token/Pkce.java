package social.herd.oauth.impl.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import social.herd.oauth.impl.Secrets;

/** Proof Key for Code Exchange (RFC 7636): {@code S256} and {@code plain}. */
public final class Pkce {

    /** RFC 7636 section 4.1: 43 to 128 unreserved characters (challenges have the same form). */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {}

    /** True when {@code method} is one we accept ({@code null} means {@code plain}, as the RFC says). */
    public static boolean supportedMethod(String method) {
        return method == null || method.equals("S256") || method.equals("plain");
    }

    /** True when {@code challenge} is well formed. */
    public static boolean validChallenge(String challenge) {
        return challenge != null && VERIFIER.matcher(challenge).matches();
    }

    /**
     * Whether {@code verifier} answers the challenge stored with the code. A code issued without
     * a challenge must be redeemed without a verifier, and the other way round, so that a flow
     * cannot be downgraded by leaving PKCE out on either side.
     */
    public static boolean verify(String challenge, String method, String verifier) {
        if (challenge == null) return verifier == null;
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) return false;
        String expected = "S256".equals(method)
                ? Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(Secrets.sha256(verifier.getBytes(StandardCharsets.US_ASCII)))
                : verifier;
        return Secrets.constantTimeEquals(expected, challenge);
    }
}
