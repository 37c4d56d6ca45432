package social.herd.api.auth;

import social.herd.api.db.Tx;
import org.osgi.annotation.versioning.ProviderType;

/** Ends a user's sessions, e.g. after a password change, suspension or account deletion. */
@ProviderType
public interface Sessions {

    /** Revokes every access token and authorization code of {@code userId}, in the caller's transaction. */
    void revokeAll(Tx tx, long userId);
}
