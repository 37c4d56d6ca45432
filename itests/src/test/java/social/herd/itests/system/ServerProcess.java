package social.herd.itests.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import social.herd.itests.Http;

/**
 * The assembled runtime folder run as a real process: {@code bin/herd run}, exactly what an admin
 * types. Each instance works on its own copy of the folder, so tests may drop plugins into its
 * deploy/ and can prove the folder is relocatable.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path home;
    private final int port;
    private final Map<String, String> env = new HashMap<>();
    private Process process;
    private Path log;
    private int starts;

    private ServerProcess(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** A private copy of distribution/target/herd on a free port. */
    public static ServerProcess copyOfRuntime() {
        try {
            Path source = Path.of(System.getProperty("herd.runtime"));
            Path home = Files.createTempDirectory("herd-home");
            copy(source, home);
            return new ServerProcess(home, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServerProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    public Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    /** Starts {@code bin/herd run}; does not wait. */
    public ServerProcess start(String... command) {
        try {
            log = home.resolve("herd-" + (++starts) + ".log");
            ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(home.resolve("bin/herd").toString()),
                    Stream.of(command.length == 0 ? new String[] {"run"} : command)).toList());
            pb.environment().put("HERD_PORT", String.valueOf(port));
            pb.environment().putAll(env);
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            process = pb.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts and waits for {@code /health/ready} to answer 200; returns the seconds it took. */
    public double startAndAwaitReady(Duration timeout) {
        long t0 = System.nanoTime();
        start();
        Http.Reply r = http().await("/health/ready", timeout, x -> x.status() == 200 || !process.isAlive());
        if (r.status() != 200) throw new AssertionError("not ready (" + r.status() + " " + r.body() + "); log:\n" + log());
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Runs {@code bin/herd <args>} to completion with this server's environment (e.g. a CLI command
     * while the server runs) and returns its standard output; fails on a non-zero exit.
     */
    public String command(String... args) {
        try {
            ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(home.resolve("bin/herd").toString()),
                    Stream.of(args)).toList());
            pb.environment().put("HERD_PORT", String.valueOf(port));
            pb.environment().putAll(env);
            Path err = Files.createTempFile("herd-cli", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS)) throw new AssertionError("herd " + String.join(" ", args) + " hangs");
            if (p.exitValue() != 0) {
                throw new AssertionError("herd " + String.join(" ", args) + " exited " + p.exitValue() + ": " + Files.readString(err));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Process process() {
        return process;
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) throw new AssertionError("still running; log:\n" + log());
        return process.exitValue();
    }

    /** SIGTERM and wait: the clean shutdown an orchestrator does. */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    /** SIGKILL: the crash nobody cleans up after. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Resident memory of the server process in MiB, from /proc. */
    public double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
        throw new IOException("no VmRSS");
    }

    /** Everything the current run printed. */
    public String log() {
        try {
            return log == null ? "" : Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        // the embedded PostgreSQL of a killed server may still run; stopping it is the launcher's job on restart
        Path pid = home.resolve("data/pg/postmaster.pid");
        if (Files.exists(pid)) {
            long p = Long.parseLong(Files.readAllLines(pid).get(0).trim());
            ProcessHandle.of(p).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> h).join();
            });
        }
        // A copy of the runtime and its database take ~150 MB; a test run starts dozens of servers.
        // The logs stay for whoever looks into a failure.
        for (String bulky : new String[] {"system", "lib", "data", "bin"}) deleteTree(home.resolve(bulky));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            // a file still held open is left behind; the temporary folder is cleaned by the system
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                // a developer's earlier run may have left a database in the source folder's data/
                if (from.relativize(p).startsWith("data") && from.relativize(p).getNameCount() > 1) continue;
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String log, String containing) {
        return log.lines().filter(l -> l.contains(containing)).toList();
    }
}
