package social.herd.platform.impl.backup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What backup and restore read from PostgreSQL's catalog about Herd's database: the tables of the
 * {@code public} schema with their columns, the migration history and the sequences. Every bundle
 * creates its tables there through its migrations, so "every table of {@code public}" is Herd's
 * whole state, whatever bundles are installed.
 */
final class Catalog {

    /** The migrations extender's history table: compared, never restored (it must already match). */
    static final String HISTORY_TABLE = "herd_schema_history";

    /** A table and the columns COPY moves, in table order. */
    record Table(String name, List<String> columns) {
        /** {@code COPY ... TO STDOUT} in PostgreSQL's binary format: exact values, no text parsing. */
        String copyOut() {
            return "COPY " + qualified() + " (" + columnList() + ") TO STDOUT (FORMAT binary)";
        }

        String copyIn() {
            return "COPY " + qualified() + " (" + columnList() + ") FROM STDIN (FORMAT binary)";
        }

        String qualified() {
            return "public." + quote(name);
        }

        private String columnList() {
            return String.join(", ", columns.stream().map(Catalog::quote).toList());
        }
    }

    /** One applied migration: the key restore compares between the backup and this database. */
    record Migration(String bundle, int version, String checksum) {
        String key() {
            return bundle + " V" + version + " " + checksum;
        }
    }

    /**
     * A sequence's position. {@code lastValue} is null when {@code nextval} was never called;
     * restore then puts the sequence back at its start.
     */
    record Sequence(String name, Long lastValue, long startValue) {}

    private Catalog() {}

    /**
     * The plain tables of {@code public} ordered by name, with their columns. Generated columns
     * are left out: PostgreSQL computes them and COPY FROM refuses them.
     */
    static List<Table> tables(Connection c) throws SQLException {
        String sql = """
                SELECT cl.relname,
                       array(SELECT a.attname::text FROM pg_attribute a
                             WHERE a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                             ORDER BY a.attnum)
                FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = 'public' AND cl.relkind = 'r'""";
        List<Table> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Array columns = rs.getArray(2);
                tables.add(new Table(rs.getString(1), List.copyOf(Arrays.asList((String[]) columns.getArray()))));
            }
        }
        // sorted here rather than in SQL so that the order does not depend on the database's collation
        tables.sort(Comparator.comparing(Table::name));
        return tables;
    }

    /** Every applied migration, by bundle and version; empty when no migration ever ran. */
    static List<Migration> history(Connection c) throws SQLException {
        if (!exists(c, HISTORY_TABLE)) return List.of();
        List<Migration> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT bundle, version, checksum FROM public." + HISTORY_TABLE)) {
            while (rs.next()) rows.add(new Migration(rs.getString(1), rs.getInt(2), rs.getString(3)));
        }
        rows.sort(Comparator.comparing(Migration::bundle).thenComparingInt(Migration::version));
        return rows;
    }

    /**
     * The sequences of {@code public} with their current values. Sequences are not transactional:
     * inside a snapshot this reads the value of now, which is at least what any row of the snapshot
     * used, so a restored sequence never hands out an id that a restored row already has.
     */
    static List<Sequence> sequences(Connection c) throws SQLException {
        List<Sequence> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT sequencename, last_value, start_value FROM pg_sequences WHERE schemaname = 'public'")) {
            while (rs.next()) {
                long last = rs.getLong(2);
                Long lastValue = rs.wasNull() ? null : last; // wasNull speaks of the latest get only
                out.add(new Sequence(rs.getString(1), lastValue, rs.getLong(3)));
            }
        }
        out.sort(Comparator.comparing(Sequence::name));
        return out;
    }

    /** Puts a sequence where the backup found it. */
    static void restore(Connection c, Sequence seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
            ps.setString(1, "public." + quote(seq.name()));
            ps.setLong(2, seq.lastValue() == null ? seq.startValue() : seq.lastValue());
            ps.setBoolean(3, seq.lastValue() != null);
            ps.execute();
        }
    }

    /** True when {@code public.<table>} exists. */
    static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "public." + quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** True when {@code public.<table>} exists and has at least one row. */
    static boolean hasRows(Connection c, String table) throws SQLException {
        if (!exists(c, table)) return false;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM public." + quote(table) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The server's version as PostgreSQL reports it, e.g. {@code 17.6}. */
    static String serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** An SQL identifier quoted, so that any table or column name is safe in a statement. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
