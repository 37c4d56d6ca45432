package social.herd.platform.impl.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;

/**
 * Where this server keeps what a backup covers besides the database: {@code <data_dir>/media}
 * (unless media is on S3) and the runtime folder's {@code conf/}; copying those trees; and whether
 * every bundle's migrations have run.
 */
final class Site {

    /** The media storage PID (media bundle): present with {@code type=s3} when media is on S3. */
    static final String MEDIA_STORAGE_PID = "social.herd.media.storage";

    private final ServerSettings server;
    private final ConfigurationAdmin configAdmin;
    private final BundleContext context;

    Site(ServerSettings server, ConfigurationAdmin configAdmin, BundleContext context) {
        this.server = server;
        this.configAdmin = configAdmin;
        this.context = context;
    }

    String herdVersion() {
        return server.version();
    }

    Path mediaDir() {
        return server.dataDir().resolve("media").toAbsolutePath().normalize();
    }

    /** {@code <herd.home>/conf}: the launcher sets {@code herd.home} to the runtime folder. */
    Path confDir() {
        return Path.of(System.getProperty("herd.home", ".")).resolve("conf").toAbsolutePath().normalize();
    }

    /**
     * True when media lives in an S3 bucket. Read from ConfigAdmin rather than from the media
     * bundle so that backups work (and say so) even when the media bundle is absent or broken.
     */
    boolean mediaOnS3() throws IOException {
        Configuration[] found;
        try {
            found = configAdmin.listConfigurations("(service.pid=" + MEDIA_STORAGE_PID + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        if (found == null) return false;
        for (Configuration c : found) {
            Dictionary<String, Object> props = c.getProperties();
            Object type = props == null ? null : props.get("type");
            if (type != null && type.toString().equalsIgnoreCase("s3")) return true;
        }
        return false;
    }

    /** True when ConfigAdmin holds a configuration {@code pid} (the launcher pushes only those in use). */
    boolean configured(String pid) throws IOException {
        try {
            return configAdmin.listConfigurations("(service.pid=" + pid + ")") != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a PID: " + pid, e);
        }
    }

    /**
     * Waits until every bundle with migrations has published its {@link SchemaReady}. The command
     * service appears as soon as this bundle starts, possibly before other bundles have migrated;
     * a backup must see every table, and a restore must compare against the complete schema.
     *
     * @return true when all are ready; otherwise the late bundles are named on {@code err}
     */
    boolean awaitSchemas(Duration timeout, PrintStream err) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> pending = pendingSchemas();
            if (pending.isEmpty()) return true;
            if (System.nanoTime() > deadline) {
                err.println("migrations did not finish in " + timeout.toSeconds() + " s for " + String.join(", ", pending)
                        + " (see the errors above; `herd migrate` reports them too)");
                return false;
            }
            Thread.sleep(100);
        }
    }

    private List<String> pendingSchemas() {
        TreeSet<String> pending = new TreeSet<>();
        for (Bundle b : context.getBundles()) {
            // the extender migrates started bundles only; an installed but stopped one never gets ready
            boolean started = (b.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0;
            if (started && b.getHeaders("").get(Database.MIGRATIONS_HEADER) != null) pending.add(b.getSymbolicName());
        }
        List<String> late = new ArrayList<>();
        for (String bsn : pending) {
            ServiceReference<?>[] refs;
            try {
                refs = context.getServiceReferences(SchemaReady.class.getName(),
                        "(" + SchemaReady.BUNDLE_PROPERTY + "=" + bsn + ")");
            } catch (InvalidSyntaxException e) {
                refs = null; // a symbolic name with filter characters: never ready, named as late
            }
            if (refs == null || refs.length == 0) late.add(bsn);
        }
        return late;
    }


    /**
     * Creates {@code dir} for a backup, readable by its owner only where the file system has POSIX
     * permissions: a backup holds password hashes, private keys and {@code conf/} secrets.
     *
     * @throws IOException when {@code dir} exists and is not an empty folder (a backup never
     *                     overwrites or mixes with earlier files)
     */
    static void createPrivate(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dir)) throw new FileAlreadyExistsException(dir + " exists and is not a folder");
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) throw new FileAlreadyExistsException(dir + " is not empty");
            }
        } else {
            Files.createDirectories(dir);
        }
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        }
    }

    /**
     * Copies the regular files under {@code from} to the same relative paths under {@code to},
     * replacing files that exist there and leaving other files alone. Symbolic links are not
     * followed, so a link to elsewhere never pulls foreign files into a backup.
     *
     * @return the number of files copied; 0 when {@code from} does not exist
     */
    static long copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) return 0;
        long copied = 0;
        List<Path> files;
        try (Stream<Path> all = Files.walk(from)) {
            files = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            try {
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                copied++;
            } catch (NoSuchFileException e) {
                // deleted by the running server since the walk (media cleanup): nothing to save
            }
        }
        return copied;
    }

    /** The number of regular files under {@code dir}, 0 when it does not exist. */
    static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).count();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
