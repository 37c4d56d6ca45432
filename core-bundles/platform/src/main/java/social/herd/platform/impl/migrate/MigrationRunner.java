package social.herd.platform.impl.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one bundle's pending migrations to the database.
 *
 * <p>All nodes serialise on one PostgreSQL advisory lock ({@link #LOCK_KEY}) held on the
 * migrating connection for the whole run, so two nodes started together never both apply a
 * migration: the second waits, then finds it recorded and skips it. The lock dies with the
 * session, so a node killed mid-migration cannot leave it stuck. Each script runs in its own
 * transaction together with its history row: it is applied and recorded, or neither.
 *
 * <p>Only one node applies scripts: the first to need to takes a second advisory lock
 * ({@link #LEADER_KEY}) and keeps it until its migrations are done; nodes starting at the same time
 * wait for it and then find their schema ready. If it dies, its lock goes with its session and the
 * next waiting node takes over, resuming after the last committed script.
 *
 * <p>History lives in one table, {@code herd_schema_history}, keyed by (bundle, version).
 */
public final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    /** Advisory lock key: the ASCII bytes of "herd-mig". */
    static final long LOCK_KEY = 0x686572642d6d6967L;
    /** Held by the node that runs the migrations: the ASCII bytes of "herd-led". */
    static final long LEADER_KEY = 0x686572642d6c6564L;
    /** How long a node waits for the migrating node before applying a script itself. */
    static final java.time.Duration FOLLOW_LIMIT = java.time.Duration.ofSeconds(60);
    static final long FOLLOW_POLL_MS = 250;

    private static final String HISTORY_DDL = """
            CREATE TABLE IF NOT EXISTS herd_schema_history (
                bundle       text        NOT NULL,
                version      integer     NOT NULL,
                description  text        NOT NULL,
                script       text        NOT NULL,
                checksum     text        NOT NULL,
                installed_at timestamptz NOT NULL DEFAULT now(),
                execution_ms integer     NOT NULL,
                PRIMARY KEY (bundle, version)
            )""";

    private record Applied(String script, String checksum) {}

    private final DataSource dataSource;
    /** The connection holding {@link #LEADER_KEY} while this node runs the migrations; null otherwise. */
    private Connection leader;

    public MigrationRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies the pending scripts of {@code bundle} in version order.
     *
     * @return the highest version now applied for the bundle, 0 if none
     * @throws MigrationException for a changed, duplicate or out-of-order script (naming the file),
     *                            or when a script fails (the failing script was rolled back)
     */
    public int migrate(String bundle, List<MigrationScript> scripts) {
        List<MigrationScript> sorted = new ArrayList<>(scripts);
        sorted.sort(Comparator.comparingInt(MigrationScript::version));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() == sorted.get(i - 1).version()) {
                throw new MigrationException("bundle " + bundle + ": migrations " + sorted.get(i - 1).fileName()
                        + " and " + sorted.get(i).fileName() + " have the same version");
            }
        }
        long followUntil = System.nanoTime() + FOLLOW_LIMIT.toNanos();
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
                }
                try {
                    // scripts are applied by the one node that runs the migrations; the others wait
                    // for it, unless it has not applied them after FOLLOW_LIMIT (an older version
                    // in a rolling upgrade lacks them) or it died (its lock is gone: we lead)
                    int version = migrateLocked(c, bundle, sorted, false);
                    if (version < 0 && (System.nanoTime() > followUntil || leads())) version = migrateLocked(c, bundle, sorted, true);
                    if (version >= 0) return version;
                } finally {
                    try (Statement s = c.createStatement()) {
                        c.setAutoCommit(true);
                        s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                    }
                }
            } catch (SQLException e) {
                throw new MigrationException("bundle " + bundle + ": database error while migrating: " + e.getMessage(), e);
            }
            try {
                Thread.sleep(FOLLOW_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationException("bundle " + bundle + ": interrupted while waiting for migrations", e);
            }
        }
    }

    /**
     * True when this node runs the migrations: it holds {@link #LEADER_KEY} on a connection of its
     * own (taken now if no live node holds it). Released by {@link #releaseLeadership()} once this
     * node's migrations are done, or with the session when the process dies.
     */
    private synchronized boolean leads() throws SQLException {
        if (leader != null) return true;
        Connection c = dataSource.getConnection();
        boolean got = false;
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LEADER_KEY + ")")) {
                got = rs.next() && rs.getBoolean(1);
            }
        } finally {
            if (!got) c.close();
        }
        if (got) {
            leader = c;
            LOG.info("this node runs the database migrations (other nodes wait for it)");
        }
        return got;
    }

    /** Gives up running the migrations (this node has none pending); another node may take it. */
    public synchronized void releaseLeadership() {
        if (leader == null) return;
        try (Connection c = leader; Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + LEADER_KEY + ")");
        } catch (SQLException e) {
            LOG.debug("releasing the migration lead failed (the session ends anyway): {}", e.toString());
        }
        leader = null;
    }

    /** Applies what is pending when {@code apply}; otherwise returns -1 if anything is pending. */
    private int migrateLocked(Connection c, String bundle, List<MigrationScript> scripts, boolean apply) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(HISTORY_DDL);
        }
        Map<Integer, Applied> applied = applied(c, bundle);
        int highest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (MigrationScript m : scripts) {
            Applied done = applied.get(m.version());
            if (done != null) {
                if (!done.checksum().equals(m.checksum())) {
                    throw new MigrationException("bundle " + bundle + ": migration " + m.fileName()
                            + " was changed after it was applied (checksum differs from the one recorded on "
                            + "the database); restore the original file and add a new migration instead");
                }
                continue;
            }
            if (m.version() < highest) {
                throw new MigrationException("bundle " + bundle + ": migration " + m.fileName()
                        + " is older than the applied version " + highest + "; give it a higher version");
            }
            if (!apply) return -1;
            apply(c, bundle, m);
            highest = m.version();
        }
        return highest;
    }

    private static Map<Integer, Applied> applied(Connection c, String bundle) throws SQLException {
        Map<Integer, Applied> applied = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version, script, checksum FROM herd_schema_history WHERE bundle = ?")) {
            ps.setString(1, bundle);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) applied.put(rs.getInt(1), new Applied(rs.getString(2), rs.getString(3)));
            }
        }
        return applied;
    }

    private static void apply(Connection c, String bundle, MigrationScript m) throws SQLException {
        long start = System.nanoTime();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute(m.sql()); // pgjdbc splits the script into statements, honouring quotes and $$
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO herd_schema_history "
                    + "(bundle, version, description, script, checksum, execution_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, bundle);
                ps.setInt(2, m.version());
                ps.setString(3, m.description());
                ps.setString(4, m.fileName());
                ps.setString(5, m.checksum());
                ps.setInt(6, (int) ((System.nanoTime() - start) / 1_000_000));
                ps.executeUpdate();
            }
            c.commit();
            LOG.info("bundle {}: applied migration {}", bundle, m.fileName());
        } catch (SQLException e) {
            c.rollback();
            throw new MigrationException("bundle " + bundle + ": migration " + m.fileName()
                    + " failed and was rolled back: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }
}
