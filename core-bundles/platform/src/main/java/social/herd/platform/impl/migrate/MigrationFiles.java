package social.herd.platform.impl.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Migration scripts read from a folder or from the platform's own jar, for runs outside OSGi
 * (every bundle's tests migrate a fresh database with the real scripts this way); inside the
 * runtime the {@link MigrationExtender} reads them from the bundles.
 */
public final class MigrationFiles {

    private MigrationFiles() {}

    /** The {@code V<n>__*.sql} scripts in {@code dir}, in name order; fails when there are none. */
    public static List<MigrationScript> in(Path dir) {
        List<MigrationScript> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (MigrationScript.isMigrationName(name)) out.add(MigrationScript.of(name, Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) throw new IllegalStateException("no migrations in " + dir);
        return out;
    }

    /** The platform bundle's own scripts (job queue, periodic tasks), from its classes folder or jar. */
    public static List<MigrationScript> platform() {
        try {
            Path location = Path.of(MigrationFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) return in(location.resolve("db/migration"));
            try (FileSystem fs = FileSystems.newFileSystem(location)) {
                return in(fs.getPath("db/migration"));
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("platform migrations not found", e);
        }
    }
}
