package social.herd.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.migrate.MigrationFiles;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.platform.impl.migrate.MigrationScript;

/** Test helpers: a pooled data source on a database, with the platform's own migrations applied. */
public final class TestDb {

    private TestDb() {}

    /** A pool on {@code url} built by the real DataSource component. */
    public static PooledDataSource pool(String url, int size) {
        return new PooledDataSource(Map.of("url", url, "user", "postgres", "pool_size", size));
    }

    /** The platform bundle's own migration scripts, read from the build output. */
    public static List<MigrationScript> platformScripts() {
        return social.herd.platform.impl.migrate.MigrationFiles.platform();
    }

    /** Applies the platform migrations, as the extender does for the platform bundle. */
    public static void migratePlatform(javax.sql.DataSource ds) {
        new MigrationRunner(ds).migrate("social.herd.platform", platformScripts());
    }

    /** Runs SQL; for fixtures. */
    public static void exec(javax.sql.DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row of a query, as a long. */
    public static long queryLong(javax.sql.DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) throw new AssertionError("no row: " + sql);
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row, as strings. */
    public static List<String> queryStrings(javax.sql.DataSource ds, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }

    /** Waits up to {@code millis} for {@code condition}; fails with {@code what} otherwise. */
    public static void await(long millis, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
