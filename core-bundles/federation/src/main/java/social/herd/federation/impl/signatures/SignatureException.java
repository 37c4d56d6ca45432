package social.herd.federation.impl.signatures;

/**
 * A request whose signature could not be accepted. The {@link Reason} tells the caller what to
 * answer: {@link Reason#UNKNOWN_SCHEME} and {@link Reason#UNSUPPORTED_ALGORITHM} become a 401 so
 * that the sender can retry with the other scheme; the rest are plain rejections.
 */
public final class SignatureException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a signature was refused. */
    public enum Reason {
        /** Neither a draft-cavage nor an RFC 9421 signature is present. */
        UNKNOWN_SCHEME,
        /** An algorithm we do not implement, or one that does not fit the key. */
        UNSUPPORTED_ALGORITHM,
        /** The signature headers could not be parsed. */
        MALFORMED,
        /** A component that must be covered (target, host, date, digest of a body) is not. */
        MISSING_COMPONENT,
        /** Digest / Content-Digest does not match the body. */
        BAD_DIGEST,
        /** Date or created is more than the allowed skew in the past, or expires has passed. */
        STALE,
        /** Date or created is more than the allowed skew in the future. */
        FUTURE,
        /** The same signature was already accepted once. */
        REPLAYED,
        /** No key for the keyId. */
        UNKNOWN_KEY,
        /** The cryptographic check failed. */
        BAD_SIGNATURE
    }

    private final Reason reason;
    private final String keyId;

    public SignatureException(Reason reason, String keyId, String message) {
        super(reason + ": " + message);
        this.reason = reason;
        this.keyId = keyId;
    }

    public Reason reason() {
        return reason;
    }

    /** The keyId named by the request, or null when it was not reached. */
    public String keyId() {
        return keyId;
    }

    /** True when the sender should be told 401 and may retry with another scheme. */
    public boolean retryWithOtherScheme() {
        return reason == Reason.UNKNOWN_SCHEME || reason == Reason.UNSUPPORTED_ALGORITHM;
    }
}
