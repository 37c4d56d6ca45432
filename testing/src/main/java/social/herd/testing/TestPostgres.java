package social.herd.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for tests, started once per JVM on a free loopback port and stopped at exit.
 * Each caller of {@link #freshDatabase()} gets an empty database of its own, so test classes
 * never see each other's rows.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {}

    /** The shared server, started on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary cluster is removed with its directory
                }
            }, "test-postgres-stop"));
        }
        return server;
    }

    /** Creates a new empty database and returns its JDBC URL (user {@code postgres}, no password). */
    public static String freshDatabase() {
        String name = "herd_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** JDBC URL of database {@code name} on the shared server. */
    public static String jdbcUrl(String name) {
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + name;
    }

    /** A plain DataSource for a database on the shared server. */
    public static DataSource dataSource(String name) {
        return server().getDatabase("postgres", name);
    }
}
