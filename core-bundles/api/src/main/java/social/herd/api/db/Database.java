package social.herd.api.db;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The PostgreSQL database. Work runs in exactly one transaction on one connection; MyBatis mappers
 * and job enqueues obtained from the {@link Tx} share it, so a change and the jobs it causes commit
 * together or not at all. Work started inside a transaction on the same thread (another bundle's
 * service called from within it) joins that transaction, so a request never holds two
 * connections; only a write started inside a read-only transaction gets a transaction of its own.
 */
@ProviderType
public interface Database {

    /** Manifest header naming the bundle folder that holds its migrations ({@code V1__name.sql}, ...). */
    String MIGRATIONS_HEADER = "Herd-Migrations";

    /**
     * Runs {@code work} in a read-write transaction; commits when it returns, rolls back when it
     * throws. Runtime exceptions from {@code work} pass through unchanged; checked ones and SQL
     * failures arrive wrapped in {@link DatabaseException}.
     */
    <T> T transaction(TxWork<T> work);

    /** Like {@link #transaction} but read-only; may later be routed to a read replica. */
    <T> T read(TxWork<T> work);
}
