package social.herd.statuses.impl.feeds;

/** The feed store cannot be reached (or is known to be down): read the database, retry writes later. */
public final class FeedsUnavailableException extends RuntimeException {
    public FeedsUnavailableException(String message) {
        super(message, null, false, false);
    }
}
