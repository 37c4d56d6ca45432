package social.herd.media.impl.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Media on the local disk under {@code <data_dir>/media}, served by the web bundle at
 * {@code <public_url>/system/<key>}. Files are written under {@code <data_dir>/tmp} first and moved
 * into place, so a reader never sees a half-written file and nothing spools through the system's
 * {@code /tmp}. The default {@link Storage}, chosen by {@link StorageComponent}.
 */
public final class LocalStorage implements Storage {

    private final Path root;
    private final Path tmp;
    private final String baseUrl;

    /** Files under {@code dataDir/media}, URLs below {@code baseUrl} (which ends with a slash). */
    public LocalStorage(Path dataDir, String baseUrl) {
        this.root = dataDir.resolve("media").toAbsolutePath().normalize();
        this.tmp = dataDir.resolve("tmp").toAbsolutePath().normalize();
        this.baseUrl = baseUrl;
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        Path temp = tempFile();
        try {
            Files.write(temp, bytes);
            moveIntoPlace(temp, resolve(key));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        Path temp = tempFile();
        try {
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(temp, resolve(key));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public String url(String key) {
        return baseUrl + key;
    }

    /** The file of a key; refuses keys that would leave the media folder. */
    Path resolve(String key) {
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root) || target.equals(root)) throw new IllegalArgumentException("bad storage key: " + key);
        return target;
    }

    private Path tempFile() throws IOException {
        Files.createDirectories(tmp);
        return Files.createTempFile(tmp, "media-", ".part");
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // tmp and media on different file systems (a mounted media volume): copy beside the
            // target, then rename there, which is atomic again
            Path beside = Files.createTempFile(target.getParent(), ".media-", ".part");
            Files.move(temp, beside, StandardCopyOption.REPLACE_EXISTING);
            Files.move(beside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
