package social.herd.platform.impl.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import social.herd.api.cli.CliCommand;
import social.herd.api.config.ServerSettings;
import social.herd.platform.impl.backup.Catalog.Migration;
import social.herd.platform.impl.backup.Catalog.Sequence;
import social.herd.platform.impl.backup.Catalog.Table;

/**
 * {@code herd restore DIR [--force] [--with-config]}: replaces everything in this server's
 * database with a backup written by {@code herd backup}, in one transaction (all or nothing), then
 * copies its media files into {@code <data_dir>/media}. The database must have exactly the
 * backup's schema history, which booting this command has just brought up to date, so the same
 * Herd version must restore; a database that already has accounts is replaced only with
 * {@code --force}. The backup's {@code conf/} is copied over this runtime's only with
 * {@code --with-config}. Exit codes: 0 done, 1 refused or failed (database unchanged), 2 usage.
 */
@Component(service = CliCommand.class, property = CliCommand.NAME + "=restore")
public final class RestoreCommand implements CliCommand {

    static final String USAGE = "usage: herd restore DIR [--force] [--with-config]";

    private final DataSource dataSource;
    private final Site site;

    @Activate
    public RestoreCommand(@Reference(target = "(herd.datasource=primary)") DataSource dataSource,
                          @Reference ServerSettings server, @Reference ConfigurationAdmin configAdmin,
                          BundleContext context) {
        this.dataSource = dataSource;
        this.site = new Site(server, configAdmin, context);
    }

    /** A reason to stop before anything changed: exit code 1 with this message. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path dir = null;
        boolean force = false;
        boolean withConfig = false;
        for (String a : args) {
            switch (a) {
                case "--force" -> force = true;
                case "--with-config" -> withConfig = true;
                default -> {
                    if (a.startsWith("-") || dir != null) {
                        err.println(USAGE);
                        return 2;
                    }
                    dir = Path.of(a).toAbsolutePath().normalize();
                }
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            Manifest manifest = Manifest.read(dir);
            if (!site.awaitSchemas(Duration.ofMinutes(5), err)) return 1;
            out.println("restoring the backup of " + manifest.createdAt() + " (Herd " + manifest.herdVersion() + ", "
                    + manifest.tables().size() + " tables, " + manifest.totalRows() + " rows)");
            long started = System.nanoTime();
            restoreDatabase(dir, manifest, force, out);
            long media;
            Path conf = dir.resolve(Manifest.CONF);
            try {
                media = restoreMedia(dir, manifest, out);
                if (withConfig) {
                    long n = Site.copyTree(conf, site.confDir());
                    out.println("configuration: " + n + " files restored into " + site.confDir() + " (restart to apply)");
                }
            } catch (IOException e) {
                err.println("herd restore: the database is restored, but copying files failed: " + e.getMessage()
                        + " (run the restore again with --force once that is fixed)");
                return 1;
            }
            if (!withConfig) {
                out.println("configuration: this server's is left alone; the backup's is in " + conf
                        + " (--with-config restores it)");
            }
            out.printf("restore done from %s: %d tables, %d rows, %d media files (%.1f s)%n", dir, manifest.tables().size(),
                    manifest.totalRows(), media, (System.nanoTime() - started) / 1e9);
            out.println("start (or restart) the servers that use this database");
            if (site.configured("social.herd.redis")) {
                // feeds and caches there describe the data before the restore
                out.println("Redis: empty Herd's Redis database (FLUSHDB) before the servers start");
            }
            if (site.configured("social.herd.search.opensearch")) {
                out.println("OpenSearch: run `herd search reindex` once a server runs");
            }
            return 0;
        } catch (Refused | IOException | SQLException e) {
            err.println("herd restore: " + e.getMessage());
            return 1;
        }
    }

    /** Checks, then replaces every table's rows and resets the sequences, in one transaction. */
    private void restoreDatabase(Path dir, Manifest manifest, boolean force, PrintStream out)
            throws SQLException, IOException, Refused {
        try (Connection c = dataSource.getConnection()) {
            checkSchema(manifest, Catalog.history(c));
            checkTables(dir, manifest, Catalog.tables(c));
            if (!force && Catalog.hasRows(c, "accounts")) {
                throw new Refused("this database already has accounts; restoring replaces all of its data."
                        + " Add --force to do that anyway");
            }
            List<Manifest.Entry> entries = manifest.tables().stream()
                    .filter(e -> !e.name().equals(Catalog.HISTORY_TABLE)).toList();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                try {
                    // replica: foreign-key checks and triggers (job notifications) are off while
                    // tables fill in any order; the backup was consistent, so the keys hold again
                    s.execute("SET LOCAL session_replication_role = replica");
                } catch (SQLException e) {
                    c.rollback();
                    if (!"42501".equals(e.getSQLState())) throw e;
                    throw new Refused("restoring needs a database superuser (to set session_replication_role);"
                            + " run it with HERD_DB_USER set to one. The database is unchanged");
                }
                // a running server holding locks must not make restore hang forever
                s.execute("SET LOCAL lock_timeout = '30s'");
                s.execute("SET LOCAL statement_timeout = 0");
                if (!entries.isEmpty()) {
                    s.execute("TRUNCATE " + String.join(", ", entries.stream().map(e -> e.table().qualified()).toList()));
                }
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Manifest.Entry e : entries) {
                    long rows;
                    try (InputStream in = new GZIPInputStream(new BufferedInputStream(
                            Files.newInputStream(dir.resolve(Manifest.TABLES).resolve(e.file()))), 64 * 1024)) {
                        rows = copy.copyIn(e.table().copyIn(), in);
                    }
                    if (rows != e.rows()) {
                        throw new IOException("table " + e.name() + ": the file has " + rows + " rows, the manifest says "
                                + e.rows() + "; the backup is damaged");
                    }
                    out.println("table " + e.name() + ": " + rows + " rows");
                }
                // last before commit, because setval is not undone by a rollback: only the commit
                // itself can still fail after it
                for (Sequence seq : manifest.sequences()) Catalog.restore(c, seq);
                out.println("sequences: " + manifest.sequences().size() + " reset");
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                    throw new Refused("tables are in use (lock timeout); stop the servers on this database and retry."
                            + " The database is unchanged");
                }
                String unchanged = "restore failed, the database is unchanged: ";
                if (e instanceof SQLException sql) throw new SQLException(unchanged + sql.getMessage(), sql);
                if (e instanceof IOException io) throw new IOException(unchanged + io.getMessage(), io);
                throw e;
            }
        }
    }

    /**
     * Restore requires the very schema the backup was taken from: binary COPY files only load into
     * identical columns, and the migration history is the cheapest exact statement of that.
     */
    private void checkSchema(Manifest manifest, List<Migration> here) throws Refused {
        Set<String> backup = new LinkedHashSet<>(manifest.schema().stream().map(Migration::key).toList());
        Set<String> local = new LinkedHashSet<>(here.stream().map(Migration::key).toList());
        if (backup.equals(local)) return;
        List<String> onlyBackup = backup.stream().filter(k -> !local.contains(k)).limit(5).toList();
        List<String> onlyHere = local.stream().filter(k -> !backup.contains(k)).limit(5).toList();
        throw new Refused("the backup's schema history differs from this database's (backup of Herd "
                + manifest.herdVersion() + ", this is Herd " + site.herdVersion() + "); only in the backup: " + onlyBackup
                + "; only here: " + onlyHere + ". Restore with the Herd version and plugins that wrote the backup,"
                + " then upgrade. The database is unchanged");
    }

    /** Every table of the backup must exist here with the same columns, and no other table may. */
    private static void checkTables(Path dir, Manifest manifest, List<Table> here) throws Refused {
        List<String> problems = new ArrayList<>();
        List<Table> saved = manifest.tables().stream().map(Manifest.Entry::table).toList();
        for (Table t : saved) {
            if (!here.contains(t)) {
                problems.add(here.stream().anyMatch(h -> h.name().equals(t.name()))
                        ? t.name() + " has other columns here" : t.name() + " does not exist here");
            }
        }
        for (Table h : here) {
            if (saved.stream().noneMatch(t -> t.name().equals(h.name()))) problems.add(h.name() + " is not in the backup");
        }
        for (Manifest.Entry e : manifest.tables()) {
            if (!Files.isRegularFile(dir.resolve(Manifest.TABLES).resolve(e.file()))) {
                problems.add("tables/" + e.file() + " is missing");
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused("the backup does not fit this database: " + String.join("; ", problems.stream().limit(10).toList())
                    + ". The database is unchanged");
        }
    }

    /** Copies the backup's media files into this server's media folder (not onto S3). */
    private long restoreMedia(Path dir, Manifest manifest, PrintStream out) throws IOException {
        Path media = dir.resolve(Manifest.MEDIA);
        switch (manifest.media()) {
            case "s3" -> {
                out.println("media: the backup's server kept media on S3; those files are not in the backup");
                return 0;
            }
            case "local" -> {
                if (site.mediaOnS3()) {
                    out.println("media: this server keeps media on S3; upload the files in " + media
                            + " to the bucket under the same keys");
                    return 0;
                }
                long n = Site.copyTree(media, site.mediaDir());
                out.println("media: " + n + " files restored into " + site.mediaDir());
                return n;
            }
            default -> {
                out.println("media: none in the backup");
                return 0;
            }
        }
    }
}
