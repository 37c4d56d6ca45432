package social.herd.api.auth;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A user's live sessions: the access tokens of the applications they authorized, web sign-ins
 * included, for the settings page where they can end any of them. Since 1.1.
 */
@ProviderType
public interface AuthorizedApps {

    /**
     * One live token.
     *
     * @param web        a sign-in through the web pages rather than an application
     * @param lastUsedAt null when never used
     */
    record Session(long tokenId, String application, String website, String scopes, Instant createdAt, Instant lastUsedAt,
                   boolean web) {}

    /** The user's live tokens, most recently used first (at most 100). */
    List<Session> of(long userId);

    /** Ends one of the user's sessions; false when there is no such live token of theirs. */
    boolean revoke(long userId, long tokenId);
}
