package social.herd.platform.impl.migrate;

/** A bundle's migrations cannot be applied; the message names the bundle and file. */
public final class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
