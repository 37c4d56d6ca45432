package social.herd.api.auth;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns a bearer token into its {@link Principal}. Tokens are stored hashed with a fast hash
 * (SHA-256), never with the password KDF, so verifying one costs microseconds; implementations may
 * cache. A revoked or expired token, or one whose user is gone or suspended, is empty; a token of a user
 * who has not confirmed (or awaits approval) verifies with {@link Principal#confirmed()} false.
 */
@ProviderType
public interface TokenVerifier {

    Optional<Principal> verify(String bearerToken);
}
