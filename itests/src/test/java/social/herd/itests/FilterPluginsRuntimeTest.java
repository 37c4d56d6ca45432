package social.herd.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Moderation filter plugins installed into and removed from the running framework while people
 * post: the whiteboard must pick them up and drop them without a failed request, a broken plugin
 * must not take posting down, and a plugin built for another SPI major version must not resolve.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilterPluginsRuntimeTest {

    private static final String FILTER = "social.herd.spi.moderation.ModerationFilter";
    private static String userToken;
    private static String adminToken;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Http http;

    @Configuration
    public Option[] config() throws IOException {
        return PaxRuntime.options(
                systemProperty("herd.plugin.keywords").value(System.getProperty("herd.plugin.keywords")),
                systemProperty("herd.plugin.throwing").value(System.getProperty("herd.plugin.throwing")));
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        return PaxRuntime.probe(probe);
    }

    @Before
    public void configure() throws Exception {
        if (userToken == null) {
            // the posting loops below would run into the per-client request limit; set once, as
            // every change of this configuration rebuilds the web application
            PaxRuntime.put(configAdmin, "social.herd.web", "rate_limit_requests", 1_000_000L);
            http = PaxRuntime.configure(configAdmin);
            userToken = signIn("poster", "user", "read write");
            adminToken = signIn("boss", "admin", "read write admin:read admin:write");
        }
        http = PaxRuntime.configure(configAdmin);
        Http.Reply me = awaitGet("/api/v1/accounts/verify_credentials", userToken, r -> r.status() == 200);
        assertEquals(me.body(), 200, me.status());
    }

    @Test
    public void aFilterInstalledWhilePeoplePostStopsWhatItShouldAndRemovingItLetsPostsFlowAgain() throws Exception {
        PaxRuntime.put(configAdmin, "social.herd.filter.keywords", "reject", new String[] {"forbiddenword"});
        Poster poster = new Poster();
        poster.start();
        Http.sleep(700);

        long installing = System.nanoTime();
        Bundle plugin = context.installBundle(Path.of(System.getProperty("herd.plugin.keywords")).toUri().toString());
        plugin.start();
        awaitFilter("keywords", true);
        // the chain binds the filter while the service is being registered: a moment later it is in use
        Http.sleep(100);
        long installed = System.nanoTime();
        Http.sleep(1_500);

        long removing = System.nanoTime();
        plugin.uninstall();
        awaitFilter("keywords", false);
        Http.sleep(100);
        long removed = System.nanoTime();
        Http.sleep(1_000);
        List<Poster.Sent> sent = poster.finish();

        for (Poster.Sent s : sent) {
            assertTrue("every request answered, none failed: " + s, s.status() == 200 || s.status() == 422);
            if (!s.forbidden()) assertEquals("a harmless post: " + s, 200, s.status());
        }
        List<Poster.Sent> forbidden = sent.stream().filter(Poster.Sent::forbidden).toList();
        List<Poster.Sent> before = forbidden.stream().filter(s -> s.finishedAt() < installing).toList();
        List<Poster.Sent> during = forbidden.stream().filter(s -> s.startedAt() > installed && s.finishedAt() < removing).toList();
        List<Poster.Sent> after = forbidden.stream().filter(s -> s.startedAt() > removed).toList();
        assertFalse("posts before the plugin", before.isEmpty());
        assertFalse("posts while it is installed", during.isEmpty());
        assertFalse("posts after its removal", after.isEmpty());
        for (Poster.Sent s : before) assertEquals("before the plugin, posted: " + s, 200, s.status());
        for (Poster.Sent s : during) {
            assertEquals("while the plugin is installed, refused: " + s, 422, s.status());
            assertTrue("with an error: " + s, s.body().contains("\"error\""));
        }
        for (Poster.Sent s : after) assertEquals("after removal, posted again: " + s, 200, s.status());
    }

    @Test
    public void aPluginThatThrowsOnEveryCallLeavesPostingWorkingAndIsRecorded() throws Exception {
        Bundle plugin = context.installBundle(Path.of(System.getProperty("herd.plugin.throwing")).toUri().toString());
        try {
            plugin.start();
            awaitFilter("throwing", true);
            for (int i = 0; i < 10; i++) {
                Http.Reply r = post(userToken, "still posting " + i);
                assertEquals(r.body(), 200, r.status());
            }
            Http.Reply decisions = awaitGet("/api/v1/admin/moderation_decisions?filter=throwing", adminToken,
                    r -> r.status() == 200 && r.json().size() >= 10);
            assertEquals(decisions.body(), 10, decisions.json().size());
            assertEquals("error", decisions.json().get(0).get("decision").asText());
            assertEquals("@poster", decisions.json().get(0).get("subject").asText());
            assertEquals("not for normal users", 403, get("/api/v1/admin/moderation_decisions", userToken).status());
            String metrics = http.get("/metrics").body();
            assertTrue(metrics, metrics.contains("herd_moderation_filter_failures_total{filter=\"throwing\",cause=\"error\"}"));
        } finally {
            plugin.uninstall();
        }
    }

    @Test
    public void aPluginBuiltForAnotherSpiMajorVersionDoesNotResolveAndSaysWhichVersionItNeeds() throws Exception {
        Bundle plugin = context.installBundle("itest:future-filter", new java.io.ByteArrayInputStream(TestJars.futureFilter()));
        try {
            BundleException refused = null;
            try {
                plugin.start();
            } catch (BundleException e) {
                refused = e;
            }
            assertNotNull("the bundle must not start", refused);
            // the framework names the SPI package and the version range the plugin was built for
            assertTrue(refused.getMessage(), refused.getMessage().contains("social.herd.spi.moderation"));
            assertTrue(refused.getMessage(), refused.getMessage().contains("version>=2.0.0"));
            assertNotEquals(Bundle.ACTIVE, plugin.getState());
            assertEquals(200, post(userToken, "the rest keeps working").status());
        } finally {
            plugin.uninstall();
        }
    }

    private void awaitFilter(String name, boolean present) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] refs = context.getServiceReferences(FILTER, "(herd.filter.name=" + name + ")");
            if ((refs != null && refs.length > 0) == present) return;
            Thread.sleep(20);
        }
        throw new AssertionError("filter " + name + (present ? " never appeared" : " never went away"));
    }

    /** Posts alternately a forbidden and a harmless status until stopped, recording every answer. */
    private final class Poster extends Thread {
        record Sent(String text, boolean forbidden, long startedAt, long finishedAt, int status, String body) {}

        private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);

        @Override
        public void run() {
            for (int i = 0; running.get(); i++) {
                boolean forbidden = i % 2 == 0;
                String text = (forbidden ? "a forbiddenword post " : "a harmless post ") + i;
                long started = System.nanoTime();
                Http.Reply r = post(userToken, text);
                sent.add(new Sent(text, forbidden, started, System.nanoTime(), r.status(), r.body()));
            }
        }

        List<Sent> finish() throws InterruptedException {
            running.set(false);
            join(15_000);
            return List.copyOf(sent);
        }
    }

    private Http.Reply post(String token, String text) {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/statuses"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("status=" + enc(text))));
    }

    private Http.Reply get(String path, String token) {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token).GET());
    }

    private Http.Reply awaitGet(String path, String token, java.util.function.Predicate<Http.Reply> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Http.Reply last = get(path, token);
        while (!done.test(last) && System.nanoTime() < deadline) {
            Http.sleep(100);
            last = get(path, token);
        }
        return last;
    }

    private static String base() {
        return "http://127.0.0.1:" + System.getProperty("herd.test.port");
    }

    /** Creates a confirmed user with the CLI service and signs in with the password grant. */
    private String signIn(String username, String role, String scopes) throws Exception {
        String out = cli("accounts", "create", username, "--email", username + "@example.com", "--confirmed", "--role", role);
        String password = out.strip().lines().reduce((a, b) -> b).orElseThrow().substring("New password: ".length());
        Http.Reply app = http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                "client_name=itest&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=" + enc(scopes));
        Http.Reply token = http.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&scope=" + enc(scopes) + "&client_id=" + enc(app.json().get("client_id").asText())
                        + "&client_secret=" + enc(app.json().get("client_secret").asText())
                        + "&username=" + enc(username + "@example.com") + "&password=" + enc(password));
        assertEquals(token.body(), 200, token.status());
        return token.json().get("access_token").asText();
    }

    /** Runs a {@code herd} command the way the launcher does: the CliCommand service, reached reflectively. */
    private String cli(String command, String... args) throws Exception {
        ServiceReference<?>[] refs = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((refs == null || refs.length == 0) && System.nanoTime() < deadline) {
            refs = context.getServiceReferences("social.herd.api.cli.CliCommand", "(herd.command=" + command + ")");
            if (refs == null) Thread.sleep(100);
        }
        assertTrue("command " + command, refs != null && refs.length > 0);
        Object service = context.getService(refs[0]);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Method run = service.getClass().getMethod("run", List.class, PrintStream.class, PrintStream.class);
            int code = (Integer) run.invoke(service, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(err.toString(StandardCharsets.UTF_8), 0, code);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            context.ungetService(refs[0]);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
