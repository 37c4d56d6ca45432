package social.herd.federation.impl.signatures;

import java.util.List;

/**
 * An accepted signature.
 *
 * @param scheme which specification the sender used (answer in kind)
 * @param keyId the key that signed: the caller maps it to an actor
 * @param algorithm the algorithm that verified
 * @param covered the components the signature covers, in order
 */
public record Verification(Scheme scheme, String keyId, String algorithm, List<String> covered) {
    /** The two signature specifications in use on the fediverse. */
    public enum Scheme { CAVAGE, RFC9421 }
}
