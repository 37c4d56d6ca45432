package social.herd.federation.impl.activity;

/** A document that is not what it must be (an actor without inbox, a foreign id...). */
public final class ActivityFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ActivityFormatException(String message) {
        super(message);
    }
}
