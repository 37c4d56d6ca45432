package social.herd.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An OS file lock on {@code <data>/herd.lock}, held by the running server. It tells a CLI command
 * whether a server is running on this data directory (then the command uses that server's
 * embedded database instead of starting one), and keeps two servers off one directory. The OS
 * drops the lock when the process dies, even by SIGKILL.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty when another process holds it. */
    static Optional<DataDirLock> tryAcquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel ch = FileChannel.open(dataDir.resolve("herd.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l = ch.tryLock();
        if (l == null) {
            ch.close();
            return Optional.empty();
        }
        return Optional.of(new DataDirLock(ch, l));
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
