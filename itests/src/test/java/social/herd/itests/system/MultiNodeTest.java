package social.herd.itests.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;
import social.herd.testing.TestRedis;

/**
 * Herd as several processes on one PostgreSQL and one Redis, as Kubernetes runs it: a {@code web}
 * node and a {@code worker,streaming} node serve one site; nodes starting together on an empty
 * database migrate it exactly once; {@code herd migrate} does it as a separate step.
 */
class MultiNodeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aWebNodeAndAWorkerStreamingNodeServeOneSite() throws Exception {
        String db = TestPostgres.freshDatabase();
        String redis = TestRedis.shared().url();
        try (ServerProcess a = ServerProcess.copyOfRuntime(); ServerProcess b = ServerProcess.copyOfRuntime()) {
            String site = "http://127.0.0.1:" + a.port();
            Peer web = Peer.start(a, site, "HERD_DB_URL", db, "HERD_DB_USER", "postgres", "HERD_REDIS_URL", redis,
                    "HERD_ROLE", "web");
            Peer.start(b, site, "HERD_DB_URL", db, "HERD_DB_USER", "postgres", "HERD_REDIS_URL", redis,
                    "HERD_ROLE", "worker,streaming");
            assertThat(a.log()).contains("job workers: none on this node");
            assertThat(a.http().get("/api/v1/streaming/health").status()).as("web node: no streaming").isNotEqualTo(200);
            assertThat(b.http().get("/api/v1/streaming/health").status()).isEqualTo(200);

            Peer.User alice = web.user("alice");
            Peer.User bob = web.user("bob");
            List<String> events = listen(b, alice.token, "user");
            List<String> local = listen(b, bob.token, "public/local");

            // a post made through node A reaches a streaming client connected to node B
            String id = alice.status("hello from the web node", "public").get("id").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!local.contains("update:" + id) && System.nanoTime() < deadline) Http.sleep(100);
            assertThat(local).as("bob's local timeline stream on node B").contains("update:" + id);
            bob.ok(bob.post("/api/v1/statuses/" + id + "/favourite", ""));
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!events.contains("notification:favourite:" + id) && System.nanoTime() < deadline) Http.sleep(100);
            assertThat(events).as("alice's stream on node B").contains("notification:favourite:" + id);

            // the notification job ran once: one notification, one streamed event
            Http.sleep(2000);
            JsonNode notes = alice.ok(alice.get("/api/v1/notifications?types[]=favourite"));
            assertThat(notes).hasSize(1);
            assertThat(events.stream().filter(e -> e.equals("notification:favourite:" + id))).hasSize(1);

            // the scheduler runs on exactly one node; killing it moves it to the other within 30 s
            boolean aLeads = leads(a), bLeads = leads(b);
            long waitLeader = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(aLeads || bLeads) && System.nanoTime() < waitLeader) {
                Http.sleep(500);
                aLeads = leads(a);
                bLeads = leads(b);
            }
            assertThat(aLeads ^ bLeads).as("exactly one scheduler: a=" + aLeads + " b=" + bLeads).isTrue();
            ServerProcess leader = aLeads ? a : b, other = aLeads ? b : a;
            leader.kill();
            long killed = System.nanoTime();
            while (!leads(other) && System.nanoTime() - killed < Duration.ofSeconds(40).toNanos()) Http.sleep(250);
            double seconds = (System.nanoTime() - killed) / 1e9;
            assertThat(leads(other)).as("the other node took the scheduler over").isTrue();
            assertThat(seconds).as("fail-over time in seconds").isLessThan(30);
            assertThat(other.log()).contains("scheduler lease taken");
        }
    }

    @Test
    void threeNodesStartingTogetherMigrateOnceAndAllBecomeReady() throws Exception {
        String db = TestPostgres.freshDatabase();
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(ServerProcess.copyOfRuntime().env("HERD_DB_URL", db).env("HERD_DB_USER", "postgres")
                        .env("HERD_FEDERATION_ALLOW_PRIVATE", "true"));
            }
            nodes.forEach(n -> n.start());
            for (ServerProcess n : nodes) {
                Http.Reply r = n.http().await("/health/ready", Duration.ofSeconds(180), x -> x.status() == 200 || !n.process().isAlive());
                assertThat(r.status()).as(n.log()).isEqualTo(200);
            }
            long migrators = nodes.stream().filter(n -> n.log().contains("applied migration")).count();
            assertThat(migrators).as("nodes that applied migrations").isEqualTo(1);
            assertThat(nodes.stream().mapToLong(n -> ServerProcess.lines(n.log(), "applied migration").size()).sum())
                    .as("each script applied once").isEqualTo(ServerProcess.lines(
                            nodes.stream().filter(n -> n.log().contains("applied migration")).findFirst().orElseThrow().log(),
                            "applied migration").size());
            // the same site on each node
            assertThat(nodes.get(2).http().get("/api/v1/instance").status()).isEqualTo(200);
        } finally {
            for (ServerProcess n : nodes) n.close();
        }
    }

    @Test
    void migrateIsAStepOfItsOwnAndResumesNothingTwice() throws Exception {
        String db = TestPostgres.freshDatabase();
        try (ServerProcess s = ServerProcess.copyOfRuntime()) {
            s.env("HERD_DB_URL", db).env("HERD_DB_USER", "postgres");
            String first = s.command("migrate");
            assertThat(first).contains("schema up to date: social.herd.platform").contains("schema up to date: social.herd.search")
                    .containsPattern("migrations done: [0-9]+ bundles");
            String again = s.command("migrate");
            assertThat(again).containsPattern("migrations done: [0-9]+ bundles");
            s.startAndAwaitReady(Duration.ofSeconds(120));
            assertThat(s.log()).as("nothing left to migrate at start").doesNotContain("applied migration");
        }
    }

    private static boolean leads(ServerProcess node) {
        if (node.process() == null || !node.process().isAlive()) return false;
        Http.Reply r = node.http().get("/metrics");
        return r.status() == 200 && r.body().lines().anyMatch(l -> l.equals("herd_scheduler_leader 1"));
    }

    /** Opens an SSE stream on {@code node} and records "update:id" and "notification:type:status" events. */
    private static List<String> listen(ServerProcess node, String token, String stream) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/v1/streaming/" + stream))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread.ofVirtual().start(() -> {
            String event = null;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.startsWith("event:")) event = line.substring(6).strip();
                else if (line.startsWith("data:") && event != null) {
                    try {
                        JsonNode p = JSON.readTree(line.substring(5).strip());
                        if (event.equals("update")) events.add("update:" + p.get("id").asText());
                        if (event.equals("notification")) {
                            events.add("notification:" + p.get("type").asText() + ":" + p.path("status").path("id").asText());
                        }
                    } catch (Exception e) {
                        events.add(event + ":?");
                    }
                    event = null;
                }
            }
        });
        return events;
    }
}
