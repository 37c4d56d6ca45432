package social.herd.media.impl.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private folder for one ffmpeg run under {@code <data_dir>/tmp} (never the system's
 * {@code /tmp}, which may be small, shared or a RAM disk). Closing removes it with everything
 * inside, so every path out of a processing step cleans up with try-with-resources.
 */
public final class WorkDir implements AutoCloseable {

    static final String PREFIX = "ffmpeg-";

    private static final Logger LOG = LoggerFactory.getLogger(WorkDir.class);

    private final Path dir;

    private WorkDir(Path dir) {
        this.dir = dir;
    }

    /** A new, empty folder below {@code tmpRoot} (created if missing), readable by this user only. */
    static WorkDir create(Path tmpRoot) throws IOException {
        Files.createDirectories(tmpRoot);
        return new WorkDir(Files.createTempDirectory(tmpRoot, PREFIX));
    }

    /** A file name inside the folder. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    public Path path() {
        return dir;
    }

    @Override
    public void close() {
        try {
            delete(dir);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("media work folder not removed dir={} error={}", dir, e.toString());
        }
    }

    /**
     * Removes work folders older than {@code age} that a killed process left behind. Younger ones
     * may belong to a run of this JVM still under way (a component re-created by a configuration change).
     */
    static void sweep(Path tmpRoot, Duration age) {
        if (!Files.isDirectory(tmpRoot)) return;
        Instant before = Instant.now().minus(age);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmpRoot, PREFIX + "*")) {
            for (Path d : dirs) {
                FileTime modified = Files.getLastModifiedTime(d);
                if (modified.toInstant().isBefore(before)) {
                    delete(d);
                    LOG.info("stale media work folder removed dir={}", d);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("media work folders not swept dir={} error={}", tmpRoot, e.toString());
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
