package social.herd.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
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

/**
 * Boots exactly the bundles of the assembled runtime folder ({@code distribution/target/herd/system})
 * in Felix and checks the whiteboards end to end over real HTTP, against a real PostgreSQL.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeTest {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Http http;

    @Configuration
    public Option[] config() throws IOException {
        return PaxRuntime.options();
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        return PaxRuntime.probe(probe);
    }

    @Before
    public void configure() throws IOException {
        Hashtable<String, Object> rules = new Hashtable<>();
        rules.put("texts", new String[] {"Be kind.", "No spam."});
        rules.put("hints", new String[] {"Really.", ""});
        configAdmin.getConfiguration("social.herd.rules.default", "?").update(rules);
        http = PaxRuntime.configure(configAdmin);
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
        PaxRuntime.put(configAdmin, "social.herd.instance", "title", "Renamed at runtime");
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
}
