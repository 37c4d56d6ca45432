package social.herd.platform.impl.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.DatabaseException;
import social.herd.api.db.TxWork;

/**
 * {@link Database} over the pooled data source: one connection per transaction, autocommit off.
 *
 * <p>Nesting is not joined: calling {@link #transaction} inside a transaction opens a second,
 * independent one on another connection. Pass the {@code Tx} down instead.
 */
@Component(service = Database.class)
public final class TxDatabase implements Database, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TxDatabase.class);

    private final DataSource dataSource;
    private final MapperConfigurations configurations;
    private final BundleContext context;
    private final BundleListener evictor;

    /** OSGi constructor: evicts MyBatis configurations of bundles that stop or go away. */
    @Activate
    public TxDatabase(@Reference(target = "(herd.datasource=primary)") DataSource dataSource, BundleContext context) {
        this.dataSource = dataSource;
        this.configurations = new MapperConfigurations(dataSource);
        this.context = context;
        if (context != null) {
            this.evictor = event -> {
                int t = event.getType();
                if (t == BundleEvent.STOPPED || t == BundleEvent.UNRESOLVED || t == BundleEvent.UNINSTALLED) {
                    configurations.evictBundle(event.getBundle().getBundleId());
                }
            };
            context.addBundleListener(evictor);
        } else {
            this.evictor = null;
        }
    }

    /** For use outside OSGi (tests, tools). */
    public TxDatabase(DataSource dataSource) {
        this(dataSource, null);
    }

    @Override
    public <T> T transaction(TxWork<T> work) {
        return run(work, false);
    }

    @Override
    public <T> T read(TxWork<T> work) {
        return run(work, true);
    }

    /**
     * The transaction open on this thread. Work that another bundle's service runs inside it joins
     * it instead of taking a second connection: otherwise a request holding one connection while
     * waiting for another starves the pool under load (every connection held by an outer
     * transaction, each waiting for an inner one).
     */
    private final ThreadLocal<Open> current = new ThreadLocal<>();

    private record Open(TxImpl tx, boolean readOnly) {}

    private <T> T run(TxWork<T> work, boolean readOnly) {
        Open open = current.get();
        if (open != null && (readOnly || !open.readOnly())) return joined(work, open.tx());
        // no transaction yet, or a write inside a read-only one: a transaction of its own
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseException("no database connection: " + e.getMessage(), e);
        }
        TxImpl tx = new TxImpl(c, configurations);
        boolean committed = false;
        current.set(new Open(tx, readOnly));
        try {
            c.setAutoCommit(false);
            c.setReadOnly(readOnly);
            T result = work.run(tx);
            tx.closeSessions();
            c.commit();
            committed = true;
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (SQLException e) {
            throw new DatabaseException("database error: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new DatabaseException("transaction failed: " + e, e);
        } finally {
            if (open == null) current.remove();
            else current.set(open);
            if (!committed) rollback(tx, c);
            restore(c, readOnly);
            if (committed) tx.runAfterCommit();
        }
    }

    /** Runs inside the caller's transaction; its commit or rollback is the caller's. */
    private static <T> T joined(TxWork<T> work, TxImpl tx) {
        try {
            return work.run(tx);
        } catch (RuntimeException e) {
            throw e;
        } catch (SQLException e) {
            throw new DatabaseException("database error: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new DatabaseException("transaction failed: " + e, e);
        }
    }

    private static void rollback(TxImpl tx, Connection c) {
        tx.closeSessions();
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.toString());
        }
    }

    /** Hands the connection back to the pool the way the next user expects it. */
    private static void restore(Connection c, boolean readOnly) {
        try {
            if (readOnly) c.setReadOnly(false);
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("resetting connection failed: {}", e.toString());
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("returning connection failed: {}", e.toString());
            }
        }
    }

    /** The MyBatis configuration cache; visible for tests. */
    MapperConfigurations configurations() {
        return configurations;
    }

    @Deactivate
    @Override
    public void close() {
        if (context != null && evictor != null) {
            try {
                context.removeBundleListener(evictor);
            } catch (IllegalStateException ignored) {
                // our bundle is already stopping; its listeners are removed by the framework
            }
        }
    }
}
