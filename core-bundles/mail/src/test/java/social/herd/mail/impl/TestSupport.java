package social.herd.mail.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import social.herd.api.metrics.Metrics;
import social.herd.platform.impl.config.ServerSettingsComponent;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.migrate.MigrationFiles;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.platform.impl.migrate.MigrationScript;

/** Helpers for the mail tests: the platform's real database pieces, waiting, TLS material. */
final class TestSupport {

    private TestSupport() {}

    /** A pool on a fresh database with the platform's migrations (job tables) applied. */
    static PooledDataSource migratedPool(String url) {
        PooledDataSource ds = new PooledDataSource(Map.of("url", url, "user", "postgres", "pool_size", 6));
        new MigrationRunner(ds).migrate("social.herd.platform", MigrationFiles.platform());
        return ds;
    }


    private static void read(Path dir, List<MigrationScript> into) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                into.add(MigrationScript.of(f.getFileName().toString(), Files.readString(f)));
            }
        }
    }

    /** The real server settings component. */
    static ServerSettingsComponent server(Path dataDir) {
        return new ServerSettingsComponent(Map.of("data_dir", dataDir.toString(),
                "public_url", "https://social.example.org", "local_domain", "example.org"));
    }

    /** The first column of every row, as strings. */
    static List<String> strings(DataSource ds, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PKCS#12 key store (password {@code changeit}) with a self-signed certificate for
     * {@code localhost} and 127.0.0.1, made by the JDK's keytool, and the certificate as PEM.
     */
    static Path[] tlsMaterial(Path dir) throws Exception {
        Path store = dir.resolve("smtp.p12");
        Path pem = dir.resolve("smtp-ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "smtp", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        return new Path[] {store, pem};
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (p.waitFor() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + out);
    }

    /** Metrics that keep nothing; the job engine needs some. */
    static final class NoMetrics implements Metrics {
        @Override public Counter counter(String name, String help, String... labelNames) { return labels -> { }; }
        @Override public Timer timer(String name, String help, String... labelNames) { return (d, labels) -> { }; }
        @Override public void gauge(String name, String help, DoubleSupplier value) { }
        @Override public void writeTo(Appendable out) { }
    }
}
