package social.herd.api.auth;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The caller behind a valid access token.
 *
 * @param tokenId       the access token's id (for revocation)
 * @param applicationId the OAuth application the token was issued to
 * @param userId        the user, or empty for an application-only token (client_credentials)
 * @param accountId     the user's account, or empty like {@code userId}
 * @param role          the user's role; {@link Role#USER} for application-only tokens
 * @param scopes        the granted scopes as written at issue time, e.g. {@code read write:statuses}
 * @param confirmed     false while the user has not confirmed the e-mail address or awaits
 *                      approval: such a token may only resend the confirmation (Mastodon's rule)
 */
public record Principal(long tokenId, long applicationId, OptionalLong userId, OptionalLong accountId, Role role,
                        Set<String> scopes, boolean confirmed) {

    /** A principal of a confirmed user, or of an application. */
    public Principal(long tokenId, long applicationId, OptionalLong userId, OptionalLong accountId, Role role,
                     Set<String> scopes) {
        this(tokenId, applicationId, userId, accountId, role, scopes, true);
    }

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(role, "role");
        scopes = Set.copyOf(scopes);
    }

    /** True when the token acts for a user (not just an application). */
    public boolean hasUser() {
        return userId.isPresent();
    }

    /** True when the granted scopes cover {@code required} (see {@link Scopes#allows}). */
    public boolean allows(String required) {
        return Scopes.allows(scopes, required);
    }
}
