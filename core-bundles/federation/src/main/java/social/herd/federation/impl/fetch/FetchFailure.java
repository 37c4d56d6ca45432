package social.herd.federation.impl.fetch;

/** A remote document could not be had: why, in words fit for a log line (never a secret). */
public final class FetchFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely: callers treat GONE differently (the object was deleted). */
    public enum Kind { REFUSED, NOT_FOUND, GONE, UNREACHABLE, MALFORMED }

    private final Kind kind;

    public FetchFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
