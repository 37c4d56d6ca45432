package social.herd.itests.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * Two Herd nodes on one database, as in a cluster: a plugin uploaded on node A becomes active on
 * node B by itself (the jar travels through PostgreSQL), and disabling or deleting it on A takes it
 * away on B. The issue asks for "within 10 s"; the measured times are printed.
 */
class PluginsTwoNodesTest {

    static Peer a, b;
    static Peer.User admin;

    @BeforeAll
    static void start() {
        String db = TestPostgres.freshDatabase();
        a = Peer.start("127.0.0.1", "HERD_DB_URL", db, "HERD_DB_USER", "postgres");
        b = Peer.start("127.0.0.1", "HERD_DB_URL", db, "HERD_DB_USER", "postgres");
        admin = a.user("root", "admin");
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    @Test
    void aPluginUploadedOnOneNodeIsActiveOnTheOtherWithinTenSeconds() {
        long t0 = System.nanoTime();
        Http.Reply uploaded = Uploads.upload(admin, Uploads.read("herd.example.plugin"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        Duration onB = awaitRules(b, body -> body.contains("community-1"));
        System.out.println("plugin upload on node A active on node B after " + onB.toMillis() + " ms");
        assertThat(onB).isLessThan(Duration.ofSeconds(10));
        // B reports it active too (the same admin token works on both: one database)
        Http.Reply onBList = b.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(b.apiBase + "/api/v1/admin/plugins/social.herd.plugin.rules.example"))
                .header("Authorization", "Bearer " + admin.token).GET());
        assertThat(onBList.json().get("state").asText()).isEqualTo("active");

        admin.ok(admin.post("/api/v1/admin/plugins/social.herd.plugin.rules.example/disable", ""));
        Duration offOnB = awaitRules(b, body -> !body.contains("community-1"));
        System.out.println("plugin disabled on node A stopped on node B after " + offOnB.toMillis() + " ms");
        assertThat(offOnB).isLessThan(Duration.ofSeconds(10));

        admin.ok(admin.post("/api/v1/admin/plugins/social.herd.plugin.rules.example/enable", ""));
        assertThat(awaitRules(b, body -> body.contains("community-1"))).isLessThan(Duration.ofSeconds(10));
        assertThat(admin.send("DELETE", "/api/v1/admin/plugins/social.herd.plugin.rules.example", "").status()).isEqualTo(200);
        Duration goneOnB = awaitRules(b, body -> !body.contains("community-1"));
        System.out.println("plugin deleted on node A gone from node B after " + goneOnB.toMillis() + " ms");
        assertThat(goneOnB).isLessThan(Duration.ofSeconds(10));
        assertThat(a.serverErrors()).isEmpty();
        assertThat(b.serverErrors()).isEmpty();
    }

    /** How long until node {@code n}'s rules satisfy {@code done} (at most 20 s, then the test fails). */
    static Duration awaitRules(Peer n, Predicate<String> done) {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos()) {
            if (done.test(n.http.get("/api/v1/instance/rules").body())) return Duration.ofNanos(System.nanoTime() - t0);
            Http.sleep(100);
        }
        throw new AssertionError("node never got there: " + n.http.get("/api/v1/instance/rules").body());
    }
}
