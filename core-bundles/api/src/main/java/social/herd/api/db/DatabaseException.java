package social.herd.api.db;

/** A database operation failed; the transaction it ran in was rolled back. */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
