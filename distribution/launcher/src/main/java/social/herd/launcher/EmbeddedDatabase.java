package social.herd.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that Herd runs itself when no database is configured: a real server whose cluster
 * lives in {@code <data>/pg} and survives restarts. It listens on loopback only, on a port chosen
 * at each start and written to {@code <data>/pg/herd.port} so that the CLI can reach it while the
 * server runs.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "herd";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path portFile;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path portFile, int port) {
        this.postgres = postgres;
        this.portFile = portFile;
        this.port = port;
    }

    /**
     * The embedded database of the server running on this data directory, for a CLI command: it
     * is used as it is and left running when the command ends.
     */
    static EmbeddedDatabase attach(Path dir) throws IOException {
        Path portFile = dir.resolve("herd.port");
        if (!Files.exists(portFile)) throw new IOException("the running server has not started its database yet");
        return new EmbeddedDatabase(null, portFile, Integer.parseInt(Files.readString(portFile).trim()));
    }

    /** Starts (and on first use creates) the cluster in {@code dir}. */
    static EmbeddedDatabase start(Path dir) throws IOException {
        Files.createDirectories(dir);
        stopOrphan(dir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // the library's defaults are for throw-away test databases (-F, synchronous_commit
                // off): a crash would lose the last commits, i.e. posts already answered with 200
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg, dir.resolve("herd.port"), pg.getPort());
        db.createDatabase();
        Files.writeString(db.portFile, String.valueOf(pg.getPort()));
        LOG.info("embedded PostgreSQL started dir={} port={}", dir, pg.getPort());
        return db;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String user() {
        return "postgres";
    }

    private void createDatabase() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, DATABASE);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IOException("could not create the embedded database: " + e.getMessage(), e);
        }
    }

    /**
     * A previous Herd killed with SIGKILL leaves its PostgreSQL running (it is a separate process)
     * and the cluster locked. Stop that orphan — only a postmaster of this very directory — so the
     * new start can take the cluster over; PostgreSQL's own crash recovery keeps the data intact.
     */
    private static void stopOrphan(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive() || !isPostmasterOf(pid, dir)) return;
            LOG.warn("stopping PostgreSQL left running by a previous Herd pid={}", pid);
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start().waitFor(5, TimeUnit.SECONDS);
            p.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not stop a previous PostgreSQL for {}: {}", dir, e.toString());
        }
    }

    private static boolean isPostmasterOf(long pid, Path dir) throws IOException {
        Path cmdline = Path.of("/proc", String.valueOf(pid), "cmdline");
        if (!Files.exists(cmdline)) return false;
        String cmd = Files.readString(cmdline).replace('\0', ' ');
        return cmd.contains("postgres") && cmd.contains(dir.toString());
    }

    @Override
    public void close() {
        if (postgres == null) return; // attached to a running server's database: not ours to stop
        try {
            Files.deleteIfExists(portFile);
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }
}
