package social.herd.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.osgi.service.cm.ConfigurationAdmin;
import social.herd.testing.TestPostgres;

/**
 * What every Pax Exam test of the assembled runtime shares: exactly the bundles of
 * {@code distribution/target/herd/system} at their start levels, a free HTTP port, a fresh
 * PostgreSQL database, and the configuration a server needs before it answers.
 */
public final class PaxRuntime {

    private static final String SLF4J = "2.0.17";

    private PaxRuntime() {}

    /** The framework options; {@code extra} are added (system properties for the probe, say). */
    public static Option[] options(Option... extra) throws IOException {
        Path system = Path.of(System.getProperty("herd.runtime")).resolve("system");
        List<Option> options = new ArrayList<>();
        try (Stream<Path> levels = Files.list(system)) {
            for (Path level : levels.sorted().toList()) {
                int startLevel = Integer.parseInt(level.getFileName().toString());
                try (Stream<Path> jars = Files.list(level)) {
                    for (Path j : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                        // trap 11: fragments are provisioned but never started
                        options.add(bundle(j.toUri().toString()).startLevel(startLevel).start(!isFragment(j)));
                    }
                }
            }
        }
        int port = freePort();
        options.add(frameworkStartLevel(10));
        options.add(cleanCaches());
        options.add(junitBundles());
        options.add(systemPackages("org.slf4j;version=" + SLF4J, "org.slf4j.spi;version=" + SLF4J,
                "org.slf4j.event;version=" + SLF4J, "org.slf4j.helpers;version=" + SLF4J,
                "org.slf4j;version=1.7.36", "org.slf4j.spi;version=1.7.36", "org.slf4j.helpers;version=1.7.36"));
        options.add(frameworkProperty("org.osgi.service.http.port").value(String.valueOf(port)));
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
        options.add(frameworkProperty("felix.fileinstall.dir").value(Files.createTempDirectory("herd-deploy").toString()));
        options.add(systemProperty("herd.test.port").value(String.valueOf(port)));
        options.add(systemProperty("herd.test.db").value(TestPostgres.freshDatabase()));
        options.addAll(List.of(extra));
        return options.toArray(Option[]::new);
    }

    /** Trap 6: a bundle registering JAX-RS resources must import these packages explicitly. */
    public static TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader("Import-Package", "jakarta.ws.rs,jakarta.ws.rs.core,jakarta.ws.rs.ext");
        return probe;
    }

    /**
     * Inside the framework: points the server at its port and database and waits until it is
     * ready. Returns a client for its HTTP port.
     */
    public static Http configure(ConfigurationAdmin configAdmin) throws IOException {
        String port = System.getProperty("herd.test.port");
        put(configAdmin, "social.herd.server", "public_url", "http://localhost:" + port);
        put(configAdmin, "social.herd.db", "user", "postgres");
        put(configAdmin, "social.herd.db", "url", System.getProperty("herd.test.db"));
        Http http = new Http("http://127.0.0.1:" + port);
        Http.Reply ready = http.await("/health/ready", Duration.ofSeconds(30), r -> r.status() == 200);
        if (ready.status() != 200) throw new AssertionError("readiness: " + ready.body());
        return http;
    }

    /**
     * Sets one key of a configuration, keeping its others. An unchanged value is not written
     * again: every update restarts the components of that PID (and rebuilds the web application),
     * which would fail requests of a test in the middle of its work.
     */
    public static void put(ConfigurationAdmin configAdmin, String pid, String key, Object value) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(pid, "?");
        if (c.getProperties() != null && java.util.Objects.deepEquals(c.getProperties().get(key), value)) return;
        Hashtable<String, Object> props = new Hashtable<>();
        if (c.getProperties() != null) {
            for (String k : Collections.list(c.getProperties().keys())) props.put(k, c.getProperties().get(k));
        }
        props.put(key, value);
        c.update(props);
    }

    private static boolean isFragment(Path jar) throws IOException {
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
            return f.getManifest() != null && f.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
