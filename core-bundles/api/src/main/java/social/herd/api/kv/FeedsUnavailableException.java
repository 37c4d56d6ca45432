package social.herd.api.kv;

/**
 * The feed store is configured but cannot be reached right now (or is known to be down): readers
 * answer from the database, writers retry later. Carries no stack trace: during an outage it is
 * expected control flow, thrown at once by the circuit breaker.
 */
public final class FeedsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FeedsUnavailableException(String message) {
        super(message, null, false, false);
    }
}
