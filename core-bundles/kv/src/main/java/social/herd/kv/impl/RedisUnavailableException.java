package social.herd.kv.impl;

/**
 * Redis could not serve a call (not configured, known to be down, timed out or failed). Callers catch
 * it and fall back; it carries no stack trace because it is expected control flow during an outage.
 */
public final class RedisUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedisUnavailableException(String message) {
        super(message, null, false, false);
    }
}
