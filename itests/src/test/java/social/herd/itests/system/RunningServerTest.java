package social.herd.itests.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.herd.itests.Http;
import social.herd.testing.TestPostgres;
import social.herd.testing.TestRedis;

/**
 * One server process configured for production-like services (external PostgreSQL, Redis), seen
 * from outside: error answers, hot plugin deployment through deploy/, and a Redis outage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunningServerTest {

    private static ServerProcess server;
    private static TestRedis redis;
    private static Http http;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        server = ServerProcess.copyOfRuntime()
                .env("HERD_DB_URL", TestPostgres.freshDatabase())
                .env("HERD_DB_USER", "postgres")
                .env("HERD_REDIS_URL", redis.url());
        server.startAndAwaitReady(Duration.ofSeconds(90));
        http = server.http();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        redis.close();
    }

    @Test
    @Order(1)
    void instanceAnswersLikeMastodon() {
        Http.Reply v1 = http.get("/api/v1/instance/");
        assertThat(v1.status()).as("trailing slash, as Mastodon.py asks").isEqualTo(200);
        assertThat(v1.json().get("version").asText()).isEqualTo("4.3.0 (compatible; Herd 0.1.0)");
        assertThat(v1.json().get("uri").asText()).isEqualTo("localhost:" + server.port());
        assertThat(v1.json().get("registrations").asBoolean()).isTrue();
        Http.Reply v2 = http.get("/api/v2/instance");
        assertThat(v2.json().at("/configuration/statuses/max_characters").asInt()).isEqualTo(500);
        assertThat(v2.json().at("/registrations/enabled").asBoolean()).isTrue();
        assertThat(v2.header("Access-Control-Allow-Origin")).isEqualTo("*");
        Http.Reply nodeinfo = http.get("/nodeinfo/2.1");
        assertThat(nodeinfo.json().at("/software/name").asText()).isEqualTo("herd");
        assertThat(nodeinfo.json().get("openRegistrations").asBoolean()).isTrue();
        assertThat(http.get("/.well-known/nodeinfo").json().at("/links/0/href").asText())
                .isEqualTo("http://localhost:" + server.port() + "/nodeinfo/2.0");
    }

    @Test
    @Order(2)
    void badRequestsGetMastodonShapedErrorsAndNoStackTraces() {
        Http.Reply unknown = http.get("/api/v1/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isNotBlank();
        assertThat(unknown.header("Content-Type")).startsWith("application/json");

        Http.Reply wrongMethod = http.post("/api/v1/instance", "application/json", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").asText()).isNotBlank();

        Http.Reply oversized = http.post("/api/v1/instance", "application/json", "{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.json().get("error").asText()).isNotBlank();

        assertThat(ServerProcess.lines(server.log(), "level=ERROR")).isEmpty();
    }

    @Test
    @Order(3)
    void pluginDroppedIntoDeployAddsRulesAndDeletingItRemovesThem() throws Exception {
        Path jar = server.home().resolve("deploy/rules-example.jar");
        Files.copy(Path.of(System.getProperty("herd.example.plugin")), jar, StandardCopyOption.REPLACE_EXISTING);
        long t0 = System.nanoTime();
        Http.Reply with = http.await("/api/v1/instance/rules", Duration.ofSeconds(15), r -> r.body().contains("community-1"));
        System.out.printf("FIGURE plugin_live_after_drop_seconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
        assertThat(with.json().findValuesAsText("id")).containsExactly("1", "2", "community-1", "community-2");
        assertThat(http.get("/api/v1/instance/rules", "Accept-Language", "de").body()).contains("Inhaltswarnung");
        Http.Reply endpoint = http.get("/api/v1/example/rules");
        assertThat(endpoint.status()).as("the plugin's own endpoint").isEqualTo(200);
        assertThat(endpoint.json().findValuesAsText("id")).containsExactly("community-1", "community-2");

        Files.delete(jar);
        Http.Reply without = http.await("/api/v1/instance/rules", Duration.ofSeconds(15), r -> !r.body().contains("community-1"));
        assertThat(without.json().findValuesAsText("id")).containsExactly("1", "2");
        Http.Reply gone = http.await("/api/v1/example/rules", Duration.ofSeconds(10), r -> r.status() == 404);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asText()).isNotBlank();
    }

    @Test
    @Order(4)
    void redisOutageDegradesButKeepsServingAndRecovers() {
        // Precondition: connected (a single slow call under load may trip the breaker for a second).
        Http.Reply before = http.await("/health/ready", Duration.ofSeconds(15), RunningServerTest::overallUp);
        assertThat(before.json().get("status").asText()).isEqualTo("up");
        redis.stop();
        Http.Reply degraded = http.await("/health/ready", Duration.ofSeconds(15),
                r -> r.status() == 200 && r.json().get("status").asText().equals("degraded"));
        assertThat(degraded.status()).isEqualTo(200);
        assertThat(degraded.json().get("status").asText()).isEqualTo("degraded");
        for (int i = 0; i < 20; i++) {
            Http.Reply r = http.get("/api/v1/instance");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Limit")).isNotNull();
        }

        redis.resume();
        Http.Reply recovered = http.await("/health/ready", Duration.ofSeconds(30), RunningServerTest::overallUp);
        assertThat(recovered.json().get("status").asText()).isEqualTo("up");
        assertThat(ServerProcess.lines(server.log(), "level=ERROR")).isEmpty();
    }

    /** The readiness report's own status (each check inside it has a status too). */
    private static boolean overallUp(Http.Reply r) {
        return r.status() == 200 && r.json().get("status").asText().equals("up");
    }
}
