package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;

/**
 * Deliveries survive a crash: the sender is killed (SIGKILL) while 1,000 deliveries are queued or
 * in flight and started again; the receiver ends up with every post exactly once (queued jobs live
 * in PostgreSQL, a job whose worker died is leased again, and the receiver applies each activity id
 * once).
 */
class DeliveryRestartTest {

    static final int POSTS = 1000;
    static Peer a;
    static Peer b;

    @AfterAll
    static void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void everyDeliveryArrivesExactlyOnceAfterAKill() throws Exception {
        // posting 1,000 statuses quickly needs more than the API's default 300 requests per window;
        // a short lease brings the deliveries that were in flight at the kill back within seconds
        a = Peer.prepare("localhost", dir -> {
            Files.writeString(dir.resolve("deploy/social.herd.web.config"), "rate_limit_requests=L\"1000000\"\n");
            Files.writeString(dir.resolve("deploy/social.herd.jobs.config"), "lease_seconds=I\"5\"\nworkers_default=I\"6\"\n");
        });
        // the receiver is asked for 25 pages per count
        b = Peer.prepare("127.0.0.1", dir -> Files.writeString(dir.resolve("deploy/social.herd.web.config"),
                "rate_limit_requests=L\"1000000\"\n"));
        Peer.User alice = a.user("alice");
        Peer.User bob = b.user("bob");
        String aliceOnB = bob.lookup(alice.handle());
        bob.ok(bob.post("/api/v1/accounts/" + aliceOnB + "/follow", ""));
        bob.await("/api/v1/accounts/relationships?id[]=" + aliceOnB, r -> r.get(0).get("following").asBoolean());

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Http.Reply>> posted = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            String text = "post number " + i;
            posted.add(pool.submit(() -> alice.post("/api/v1/statuses", "status=" + Peer.enc(text))));
        }
        for (Future<Http.Reply> f : posted) {
            Http.Reply r = f.get();
            assertThat(r.status()).as("%s (limit %s)", r.body(), r.header("X-RateLimit-Limit")).isEqualTo(200);
        }
        pool.shutdown();
        a.server.kill();
        int arrivedBeforeKill = count(bob, aliceOnB);
        assertThat(arrivedBeforeKill).as("deliveries still queued when the sender died").isLessThan(POSTS);

        a.server.startAndAwaitReady(Duration.ofSeconds(120));
        long restarted = System.nanoTime();
        long deadline = restarted + Duration.ofSeconds(240).toNanos();
        int arrived = arrivedBeforeKill;
        while (arrived < POSTS && System.nanoTime() < deadline) {
            Http.sleep(2000);
            arrived = count(bob, aliceOnB);
        }
        assertThat(arrived).as("posts on the receiver after the restart (%d before); sender log:%n%s%nreceiver log:%n%s",
                arrivedBeforeKill, warnings(a), warnings(b)).isEqualTo(POSTS);
        System.out.printf("DeliveryRestartTest: %d posts arrived before the kill, the other %d within %.0f s of the restart%n",
                arrivedBeforeKill, POSTS - arrivedBeforeKill, (System.nanoTime() - restarted) / 1e9);
        Http.sleep(3000); // late duplicates would show up now
        assertThat(count(bob, aliceOnB)).as("no post twice").isEqualTo(POSTS);
    }

    static String warnings(Peer p) {
        return p.server.log().lines().filter(l -> l.contains("level=WARN") || l.contains("level=ERROR"))
                .limit(40).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Distinct posts of the account as the receiver shows them, paging through its profile. */
    static int count(Peer.User viewer, String accountId) {
        Set<String> uris = new HashSet<>();
        String maxId = null;
        int rows = 0;
        while (true) {
            JsonNode page = viewer.ok(viewer.get("/api/v1/accounts/" + accountId + "/statuses?limit=40"
                    + (maxId == null ? "" : "&max_id=" + maxId)));
            if (page.isEmpty()) break;
            for (JsonNode s : page) {
                uris.add(s.get("uri").asText());
                rows++;
            }
            maxId = page.get(page.size() - 1).get("id").asText();
        }
        assertThat(rows).as("the same post shown twice").isEqualTo(uris.size());
        return uris.size();
    }
}
