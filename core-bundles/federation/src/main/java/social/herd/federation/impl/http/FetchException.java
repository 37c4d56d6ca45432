package social.herd.federation.impl.http;

/** An outgoing federation request that was refused or failed; {@link #reason()} says which. */
public final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a fetch did not produce a response. */
    public enum Reason {
        /** Not http or https, or no host. */
        BAD_URL,
        /** The host resolves to a loopback, private, link-local or otherwise internal address. */
        FORBIDDEN_ADDRESS,
        /** The host name does not resolve. */
        UNRESOLVABLE,
        /** The body is larger than the cap. */
        TOO_LARGE,
        /** More redirects than allowed (loops end here too). */
        TOO_MANY_REDIRECTS,
        /** Connect or response timeout. */
        TIMEOUT,
        /** Any other I/O failure. */
        IO
    }

    private final Reason reason;

    public FetchException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public FetchException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
