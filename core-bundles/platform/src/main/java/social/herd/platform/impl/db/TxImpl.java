package social.herd.platform.impl.db;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Tx;

/**
 * One open transaction: its connection, the MyBatis sessions opened on it (one per
 * configuration) and the hooks to run after commit. Used by one thread at a time, like the
 * connection it wraps.
 */
final class TxImpl implements Tx {

    private static final Logger LOG = LoggerFactory.getLogger(TxImpl.class);

    private final Connection connection;
    private final MapperConfigurations configurations;
    private final Map<SqlSessionFactory, SqlSession> sessions = new IdentityHashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean open = true;

    TxImpl(Connection connection, MapperConfigurations configurations) {
        this.connection = connection;
        this.configurations = configurations;
    }

    @Override
    public Connection connection() {
        checkOpen();
        return connection;
    }

    @Override
    public <M> M mapper(Class<M> mapperType) {
        checkOpen();
        SqlSessionFactory factory = configurations.factoryFor(mapperType);
        // SIMPLE executor: statements run at once, so plain JDBC on the same Tx sees their effects
        SqlSession session = sessions.computeIfAbsent(factory, f -> f.openSession(ExecutorType.SIMPLE, connection));
        return session.getMapper(mapperType);
    }

    @Override
    public void afterCommit(Runnable action) {
        checkOpen();
        afterCommit.add(action);
    }

    /** Flushes and closes the MyBatis sessions; they never touch the connection's transaction. */
    void closeSessions() {
        for (SqlSession s : sessions.values()) {
            try {
                s.flushStatements();
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("closing MyBatis session failed: {}", e.toString());
            }
        }
        sessions.clear();
        open = false;
    }

    /** Runs the after-commit hooks; one failing hook does not stop the others. */
    void runAfterCommit() {
        for (Runnable r : afterCommit) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("after-commit action failed: {}", e.toString(), e);
            }
        }
    }

    private void checkOpen() {
        if (!open) throw new IllegalStateException("transaction already finished");
    }
}
