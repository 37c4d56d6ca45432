package social.herd.federation.impl.signatures;

import java.security.PublicKey;

/**
 * Finds the public key for a keyId, typically by fetching the actor document. Returns null when
 * there is no such key; the verifier then answers {@link SignatureException.Reason#UNKNOWN_KEY}.
 */
@FunctionalInterface
public interface KeyResolver {
    PublicKey resolve(String keyId) throws Exception;
}
