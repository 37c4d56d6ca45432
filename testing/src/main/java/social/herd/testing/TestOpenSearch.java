package social.herd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSearch node (the {@code org.opensearch.distribution.integ-test-zip:opensearch} zip
 * from Maven Central, named by the system property {@code herd.opensearch.zip}) on free loopback
 * ports. Unpacked once per JVM under {@code /tmp}; OpenSearch refuses to run as root, so the tree
 * belongs to {@code nobody} and the node runs as {@code nobody} when the tests run as root. It runs
 * on the test JVM's own JDK (21+). {@link #shared()} starts one node for the whole test run;
 * {@link #stop()} and {@link #resume()} take it away and bring it back on the same port with the
 * same data, for outage tests.
 */
public final class TestOpenSearch implements AutoCloseable {

    private static TestOpenSearch shared;

    private final Path home;
    private final int port;
    private final int transportPort;
    private Process process;

    private TestOpenSearch(Path home, int port, int transportPort) {
        this.home = home;
        this.port = port;
        this.transportPort = transportPort;
    }

    /** The JVM-wide node, started on first use (15–40 s) and stopped when the JVM exits. */
    public static synchronized TestOpenSearch shared() {
        if (shared == null) {
            shared = start();
            TestOpenSearch s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "test-opensearch-stop"));
        }
        return shared;
    }

    /** Unpacks and starts a new node; the caller closes it. */
    public static TestOpenSearch start() {
        String zip = System.getProperty("herd.opensearch.zip");
        if (zip == null || !Files.isReadable(Path.of(zip))) {
            throw new IllegalStateException("herd.opensearch.zip must name the OpenSearch integ-test zip (got " + zip + ")");
        }
        try {
            Path dir = Files.createTempDirectory("herd-opensearch");
            run(List.of("unzip", "-q", zip, "-d", dir.toString()));
            Path home;
            try (var s = Files.list(dir)) {
                home = s.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("logs"));
            if (root()) {
                run(List.of("chmod", "755", dir.toString()));
                run(List.of("chown", "-R", "nobody:nogroup", dir.toString()));
            }
            TestOpenSearch os = new TestOpenSearch(home, TestRedis.freePort(), TestRedis.freePort());
            os.resume();
            return os;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts (or restarts after {@link #stop()}) the node; waits until the cluster is at least yellow. */
    public synchronized void resume() {
        List<String> command = new ArrayList<>();
        if (root()) command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        command.addAll(List.of(home.resolve("bin/opensearch").toString(),
                "-E", "discovery.type=single-node", "-E", "http.host=127.0.0.1", "-E", "transport.host=127.0.0.1",
                "-E", "http.port=" + port, "-E", "transport.port=" + transportPort,
                "-E", "path.data=" + home.resolve("data"), "-E", "path.logs=" + home.resolve("logs"),
                "-E", "cluster.routing.allocation.disk.threshold_enabled=false"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.getParent().resolve("console.log").toFile()));
        pb.environment().put("HOME", "/tmp");
        pb.environment().put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!healthy()) {
            if (!process.isAlive()) throw new IllegalStateException("OpenSearch exited: see " + home.getParent().resolve("console.log"));
            if (System.nanoTime() > deadline) throw new IllegalStateException("OpenSearch not ready in 120 s on port " + port);
            sleep(250);
        }
    }

    /** Stops the node (its data stays for {@link #resume()}). */
    public synchronized void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        run(List.of("rm", "-rf", home.getParent().toString()));
    }

    /** Sends one request to the node and returns the body (for test assertions and clean-up). */
    public String request(String method, String path, String json) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json");
            b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("failed: " + command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
