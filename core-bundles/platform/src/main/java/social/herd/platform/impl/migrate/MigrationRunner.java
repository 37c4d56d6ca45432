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
 * <p>History lives in one table, {@code herd_schema_history}, keyed by (bundle, version).
 */
public final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    /** Advisory lock key: the ASCII bytes of "herd-mig". */
    static final long LOCK_KEY = 0x686572642d6d6967L;

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
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            }
            try {
                return migrateLocked(c, bundle, sorted);
            } finally {
                try (Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("bundle " + bundle + ": database error while migrating: " + e.getMessage(), e);
        }
    }

    private int migrateLocked(Connection c, String bundle, List<MigrationScript> scripts) throws SQLException {
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
