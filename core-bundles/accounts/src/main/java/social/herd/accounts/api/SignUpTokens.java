package social.herd.accounts.api;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;
import social.herd.api.db.Tx;

/**
 * Issues the access token that {@code POST /api/v1/accounts} answers with, as Mastodon does: a
 * token of the signing-up application for the new (not yet confirmed) user. Implemented by the
 * OAuth bundle, which owns tokens; the accounts bundle calls it in the transaction that creates the
 * user, so the user and the token exist together or not at all.
 */
@ConsumerType
public interface SignUpTokens {

    /**
     * Issues a token.
     *
     * @param tx            the sign-up transaction
     * @param applicationId the application whose app token called the sign-up
     * @param userId        the new user
     * @param scopes        the scopes of the calling app token
     */
    IssuedToken issue(Tx tx, long applicationId, long userId, Set<String> scopes);

    /**
     * Mastodon's Token entity.
     *
     * @param accessToken the bearer token (shown once, stored hashed by the issuer)
     * @param tokenType   {@code Bearer}
     * @param scope       the granted scopes, space-separated
     * @param createdAt   seconds since the epoch
     */
    record IssuedToken(String accessToken, String tokenType, String scope, long createdAt) {}
}
