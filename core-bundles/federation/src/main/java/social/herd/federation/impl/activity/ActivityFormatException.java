package social.herd.federation.impl.activity;

/**
 * A document that cannot be used as what the caller asked for: not an actor, a note without an id,
 * an actor served by a host other than its own, an activity without a type or actor. The message
 * says what is wrong, for logs and for the 400 answer to an inbox delivery; it never contains the
 * whole document.
 */
public final class ActivityFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ActivityFormatException(String message) {
        super(message);
    }
}
