package social.herd.platform.impl.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import social.herd.api.cli.CliCommand;
import social.herd.api.config.ServerSettings;
import social.herd.platform.impl.backup.Catalog.Migration;
import social.herd.platform.impl.backup.Catalog.Sequence;
import social.herd.platform.impl.backup.Catalog.Table;

/**
 * {@code herd backup DIR}: writes the whole database (every table of the {@code public} schema,
 * as gzipped binary COPY files from one consistent snapshot), the local media files and the
 * runtime's {@code conf/} into a new folder, with a {@code manifest.json} that {@code herd
 * restore} checks. Works while servers run: the snapshot is a {@code REPEATABLE READ} transaction,
 * so the copy is as of one instant and blocks no writer. Exit codes: 0 done, 1 failed, 2 wrong
 * usage. The folder holds secrets (password hashes, private keys, conf); it is made owner-only.
 */
@Component(service = CliCommand.class, property = CliCommand.NAME + "=backup")
public final class BackupCommand implements CliCommand {

    static final String USAGE = "usage: herd backup DIR   (DIR must not exist or be empty)";

    private final DataSource dataSource;
    private final Site site;

    @Activate
    public BackupCommand(@Reference(target = "(herd.datasource=primary)") DataSource dataSource,
                         @Reference ServerSettings server, @Reference ConfigurationAdmin configAdmin,
                         BundleContext context) {
        this.dataSource = dataSource;
        this.site = new Site(server, configAdmin, context);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            err.println(USAGE);
            return 2;
        }
        Path dir = Path.of(args.get(0)).toAbsolutePath().normalize();
        try {
            Site.createPrivate(dir);
        } catch (IOException e) {
            err.println("herd backup: cannot write " + dir + ": " + e.getMessage());
            return 1;
        }
        if (!site.awaitSchemas(Duration.ofMinutes(5), err)) return 1;
        long started = System.nanoTime();
        Snapshot snapshot;
        try {
            snapshot = dumpDatabase(dir, out);
        } catch (SQLException | IOException e) {
            err.println("herd backup: database dump failed, " + dir + " is incomplete (no manifest.json): " + e.getMessage());
            return 1;
        }
        // Media after the snapshot: a file uploaded meanwhile is merely extra, while copying first
        // would miss files that rows of the snapshot point to.
        String media;
        long mediaFiles = 0;
        long confFiles;
        try {
            if (site.mediaOnS3()) {
                media = "s3";
                out.println("media: on S3, not copied (back the bucket up with the object store's own tools)");
            } else if (Files.isDirectory(site.mediaDir())) {
                media = "local";
                mediaFiles = Site.copyTree(site.mediaDir(), dir.resolve(Manifest.MEDIA));
                out.println("media: " + mediaFiles + " files from " + site.mediaDir());
            } else {
                media = "none";
                out.println("media: none yet (" + site.mediaDir() + " does not exist)");
            }
            confFiles = Site.copyTree(site.confDir(), dir.resolve(Manifest.CONF));
            out.println("configuration: " + confFiles + " files from " + site.confDir());
            new Manifest(Manifest.FORMAT, site.herdVersion(), snapshot.at(), snapshot.postgresVersion(), snapshot.schema(),
                    snapshot.tables(), snapshot.sequences(), media, mediaFiles, confFiles).write(dir);
        } catch (IOException e) {
            err.println("herd backup: copying files failed, " + dir + " is incomplete (no manifest.json): " + e.getMessage());
            return 1;
        }
        long rows = snapshot.tables().stream().mapToLong(Manifest.Entry::rows).sum();
        out.printf("backup written to %s: %d tables, %d rows, %d media files (%.1f s)%n", dir, snapshot.tables().size(),
                rows, mediaFiles, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** What the database transaction saw. */
    private record Snapshot(Instant at, String postgresVersion, List<Migration> schema, List<Manifest.Entry> tables,
                            List<Sequence> sequences) {}

    /**
     * Dumps every table inside one read-only {@code REPEATABLE READ} transaction: all COPYs and the
     * catalog queries see the same snapshot, taken at the first query, so foreign keys between the
     * files hold even while the server keeps writing.
     */
    private Snapshot dumpDatabase(Path dir, PrintStream out) throws SQLException, IOException {
        Path tablesDir = Files.createDirectories(dir.resolve(Manifest.TABLES));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                try (Statement s = c.createStatement()) {
                    // a server-wide statement_timeout would cut a long COPY of a big table
                    s.execute("SET LOCAL statement_timeout = 0");
                }
                Instant at = Instant.now();
                String version = Catalog.serverVersion(c);
                List<Migration> schema = Catalog.history(c);
                List<Table> tables = Catalog.tables(c);
                // COPY needs pgjdbc's own connection: the pool hands out a proxy
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                List<Manifest.Entry> entries = new ArrayList<>();
                for (Table t : tables) {
                    String file = t.name() + ".copy.gz";
                    long rows;
                    try (OutputStream o = new GZIPOutputStream(
                            new BufferedOutputStream(Files.newOutputStream(tablesDir.resolve(file))), 64 * 1024)) {
                        rows = copy.copyOut(t.copyOut(), o);
                    }
                    entries.add(new Manifest.Entry(t.name(), t.columns(), rows, file));
                    out.println("table " + t.name() + ": " + rows + " rows");
                }
                List<Sequence> sequences = Catalog.sequences(c);
                c.commit();
                return new Snapshot(at, version, schema, entries, sequences);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            // auto-commit, isolation and read-only go back to the pool's defaults when the pool
            // takes the connection back (Hikari resets what a borrower changed)
        }
    }
}
