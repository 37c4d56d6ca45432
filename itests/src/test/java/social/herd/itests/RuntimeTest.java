package social.herd.itests;

import static org.junit.Assert.assertEquals;
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
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import social.herd.testing.TestPostgres;

/**
 * Boots exactly the bundles of the assembled runtime folder ({@code distribution/target/herd/system})
 * in Felix and checks the whiteboards end to end over real HTTP, against a real PostgreSQL.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeTest {

    private static final String SLF4J = "2.0.17";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Http http;

    @Configuration
    public Option[] config() throws IOException {
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
        return options.toArray(Option[]::new);
    }

    /** Trap 6: a bundle registering JAX-RS resources must import these packages explicitly. */
    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader("Import-Package", "jakarta.ws.rs,jakarta.ws.rs.core,jakarta.ws.rs.ext");
        return probe;
    }

    @Before
    public void configure() throws IOException {
        String port = System.getProperty("herd.test.port");
        put("social.herd.server", "public_url", "http://localhost:" + port);
        Hashtable<String, Object> db = new Hashtable<>();
        db.put("url", System.getProperty("herd.test.db"));
        db.put("user", "postgres");
        configAdmin.getConfiguration("social.herd.db", "?").update(db);
        Hashtable<String, Object> rules = new Hashtable<>();
        rules.put("texts", new String[] {"Be kind.", "No spam."});
        rules.put("hints", new String[] {"Really.", ""});
        configAdmin.getConfiguration("social.herd.rules.default", "?").update(rules);
        http = new Http("http://127.0.0.1:" + port);
        Http.Reply ready = http.await("/health/ready", Duration.ofSeconds(30), r -> r.status() == 200);
        assertEquals("readiness: " + ready.body(), 200, ready.status());
    }

    @Test
    public void instanceAnswersThroughTheWholeStack() {
        Http.Reply r = http.await("/api/v1/instance/rules", Duration.ofSeconds(10), x -> x.body().contains("No spam."));
        assertEquals(200, r.status());
        assertEquals(List.of("Be kind.", "No spam."), r.json().findValuesAsText("text"));
        Http.Reply instance = http.await("/api/v1/instance", Duration.ofSeconds(10), x -> x.status() == 200);
        assertEquals(200, instance.status());
        assertEquals("4.3.0 (compatible; Herd 0.1.0)", instance.json().get("version").asText());
        assertEquals("snake_case keys", true, instance.json().has("short_description"));
    }

    @Test
    public void pluginInstalledAtRuntimeAddsItsRulesAndUninstallingRemovesThem() throws Exception {
        String jar = Path.of(System.getProperty("herd.example.plugin")).toUri().toString();
        Bundle plugin = context.installBundle(jar);
        plugin.start();
        Http.Reply with = http.await("/api/v1/instance/rules", Duration.ofSeconds(10),
                r -> r.body().contains("community-1") && r.body().contains("No spam."));
        assertEquals(List.of("1", "2", "community-1", "community-2"), with.json().findValuesAsText("id"));

        plugin.uninstall();
        Http.Reply without = http.await("/api/v1/instance/rules", Duration.ofSeconds(10), r -> !r.body().contains("community-1"));
        assertEquals(List.of("1", "2"), without.json().findValuesAsText("id"));
    }

    @Test
    public void configurationChangesApplyWithoutRestart() throws IOException {
        put("social.herd.instance", "title", "Renamed at runtime");
        Http.Reply r = http.await("/api/v2/instance", Duration.ofSeconds(10), x -> x.body().contains("Renamed at runtime"));
        assertEquals("Renamed at runtime", r.json().get("title").asText());

        Hashtable<String, Object> rules = new Hashtable<>();
        rules.put("texts", new String[] {"Only this rule now."});
        configAdmin.getConfiguration("social.herd.rules.default", "?").update(rules);
        Http.Reply changed = http.await("/api/v1/instance/rules", Duration.ofSeconds(10), x -> x.body().contains("Only this rule now."));
        assertEquals(List.of("Only this rule now."), changed.json().findValuesAsText("text"));
    }

    @Test
    public void resourceServiceRegisteredAtRuntimeServesAndBadJsonGetsAClearError() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.jakartars.resource", Boolean.TRUE);
        props.put("osgi.jakartars.extension.select", "(osgi.jakartars.media.type=application/json)");
        ServiceRegistration<EchoResource> reg = context.registerService(EchoResource.class, new EchoResource(), props);
        try {
            Http.Reply ok = awaitPost("{\"greeting\":\"hello\"}", 200);
            assertEquals("hello", ok.json().get("greeting").asText());

            Http.Reply malformed = http.post("/itest/echo", "application/json", "{\"greeting\": ");
            assertEquals(400, malformed.status());
            assertEquals(true, malformed.json().get("error").asText().startsWith("Malformed JSON"));
        } finally {
            reg.unregister();
        }
        assertEquals(404, awaitPost("{}", 404).status());
    }

    private Http.Reply awaitPost(String body, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Http.Reply r = http.post("/itest/echo", "application/json", body);
        while (r.status() != status && System.nanoTime() < deadline) {
            Http.sleep(100);
            r = http.post("/itest/echo", "application/json", body);
        }
        return r;
    }

    private void put(String pid, String key, String value) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(pid, "?");
        Hashtable<String, Object> props = new Hashtable<>();
        if (c.getProperties() != null) {
            for (String k : java.util.Collections.list(c.getProperties().keys())) props.put(k, c.getProperties().get(k));
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
