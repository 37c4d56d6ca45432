package social.herd.api.db;

import java.sql.Connection;
import org.osgi.annotation.versioning.ProviderType;

/** One open transaction. Valid only inside the {@link TxWork} it was handed to. */
@ProviderType
public interface Tx {

    /** The JDBC connection of this transaction; do not commit, roll back or close it. */
    Connection connection();

    /**
     * A MyBatis mapper bound to this transaction. The mapper interface's XML, if any, sits beside
     * it in the same bundle ({@code Foo.java} and {@code Foo.xml}).
     */
    <M> M mapper(Class<M> mapperType);

    /** Runs {@code action} after a successful commit (never on rollback), e.g. to publish an event. */
    void afterCommit(Runnable action);
}
