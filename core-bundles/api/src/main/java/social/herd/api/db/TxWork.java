package social.herd.api.db;

import org.osgi.annotation.versioning.ConsumerType;

/** Work done inside one database transaction. */
@FunctionalInterface
@ConsumerType
public interface TxWork<T> {
    /** Does the work; the transaction is rolled back if this throws. */
    T run(Tx tx) throws Exception;
}
