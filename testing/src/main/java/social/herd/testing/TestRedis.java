package social.herd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server (Debian {@code redis-server}) on a free loopback port. The shared instance
 * lives for the whole JVM; tests that stop and restart Redis create their own with {@link #start()}.
 * If {@code redis-server} is missing it is installed with apt-get (CI machines start bare).
 */
public final class TestRedis implements AutoCloseable {

    private static TestRedis shared;

    private final int port;
    private final Path dir;

    private TestRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** The JVM-wide instance, started on first use. */
    public static synchronized TestRedis shared() {
        if (shared == null) {
            shared = start();
            TestRedis s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "test-redis-stop"));
        }
        return shared;
    }

    /** Starts a new, private server. The caller stops it. */
    public static TestRedis start() {
        ensureInstalled();
        try {
            TestRedis r = new TestRedis(freePort(), Files.createTempDirectory("herd-redis"));
            r.resume();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (or restarts, after {@link #stop()}) the server on the same port; waits until it answers. */
    public void resume() {
        run(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "yes", "--dir", dir.toString(),
                "--pidfile", dir.resolve("redis.pid").toString(), "--logfile", dir.resolve("redis.log").toString()));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("redis-server did not answer on port " + port);
            sleep(50);
        }
    }

    /** Stops the server at once (no save); the port stays reserved for {@link #resume()}. */
    public void stop() {
        run(List.of("redis-cli", "-p", String.valueOf(port), "shutdown", "nosave"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (answers() && System.nanoTime() < deadline) sleep(50);
    }

    @Override
    public void close() {
        if (answers()) stop();
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static synchronized void ensureInstalled() {
        if (onPath("redis-server") && onPath("redis-cli")) return;
        run(List.of("apt-get", "update", "-qq"));
        run(List.of("apt-get", "install", "-y", "-qq", "redis-server"));
        if (!onPath("redis-server")) throw new IllegalStateException("redis-server could not be installed");
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) return true;
        }
        return false;
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (p.exitValue() != 0 && !command.contains("shutdown")) {
                throw new IllegalStateException("failed (" + p.exitValue() + "): " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A free loopback port (for test servers of this package). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
