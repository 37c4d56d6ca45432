package social.herd.api.federation;

import java.security.PrivateKey;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The RSA key pairs (2048 bit) of local actors and of the instance actor, provided by the
 * accounts bundle.
 *
 * <p>Every local account has exactly one key pair for its whole life (the {@code #main-key} of its
 * actor document); it is created with the account, or on first use for accounts older than this
 * contract, and never changes afterwards. Remote accounts have no key pair here: their public
 * keys are what their servers publish, and federation keeps those itself.
 *
 * <p>The instance actor (the {@code Application} actor that signs fetches made on behalf of the
 * server rather than of a user) has one key pair, created once on first use and kept in the
 * database, so it is the same on every node and across restarts.
 *
 * <p><b>Unknown and remote accounts:</b> the per-account methods answer {@link Optional#empty()}
 * for an id that is not a local account (unknown, deleted, or remote); they never throw for that.
 * Keys are cached in memory, so an account deleted after its key was last read may still get an
 * answer from that node for a while (which is what signing its {@code Delete} needs).
 * All methods may throw {@link social.herd.api.db.DatabaseException} when the database fails.
 * Any of them may be slow (~0.1 s) once per key while the key pair is generated; later calls are
 * answered from memory. All methods are safe to call from any thread and inside or outside a
 * transaction.
 *
 * <p><b>Private keys</b> are for signing in this process only: never log them, put them in a
 * response, or store them elsewhere.
 */
@ProviderType
public interface ActorKeys {

    /** The PEM header of every public key returned here. */
    String PUBLIC_KEY_PEM_HEADER = "-----BEGIN PUBLIC KEY-----";

    /**
     * The public key of a local account, as its actor document publishes it: an X.509
     * SubjectPublicKeyInfo in PEM ({@value #PUBLIC_KEY_PEM_HEADER} ... {@code -----END PUBLIC
     * KEY-----}, 64-character lines, a final line break), the same string on every call.
     *
     * @return empty when {@code accountId} is not a local account (unknown, deleted or remote)
     */
    Optional<String> publicKeyPem(long accountId);

    /**
     * The private key of a local account (RSA), for signing requests sent on its behalf
     * ({@code SHA256withRSA}); it matches {@link #publicKeyPem(long)}.
     *
     * @return empty when {@code accountId} is not a local account (unknown, deleted or remote)
     */
    Optional<PrivateKey> privateKey(long accountId);

    /** The instance actor's public key, in the same PEM form as {@link #publicKeyPem(long)}. */
    String instancePublicKeyPem();

    /** The instance actor's private key (RSA), matching {@link #instancePublicKeyPem()}. */
    PrivateKey instancePrivateKey();
}
