package social.herd.itests.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/herd run} on embedded defaults, as on a fresh machine: it becomes ready, keeps its
 * data across a clean restart and across a SIGKILL (which leaves its PostgreSQL orphaned).
 * Prints the start-up time and resident memory the platform issue asks to report.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupAndRestartTest {

    private static ServerProcess server;

    @BeforeAll
    static void copyRuntime() {
        server = ServerProcess.copyOfRuntime();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @Order(1)
    void startsOnEmbeddedDefaultsAndReportsReadiness() throws Exception {
        double seconds = server.startAndAwaitReady(Duration.ofSeconds(90));
        Thread.sleep(2000); // let start-up settle before reading memory
        System.out.printf("FIGURE herd_first_start_ready_seconds=%.1f rss_mib=%.0f%n", seconds, server.rssMiB());
        String log = server.log();
        assertThat(ServerProcess.lines(log, "herd ready")).hasSize(1);
        assertThat(ServerProcess.lines(log, "level=ERROR")).isEmpty();
        assertThat(server.home().resolve("data/pg/PG_VERSION")).exists();
        var ready = server.http().get("/health/ready").json();
        assertThat(ready.get("status").asText()).isEqualTo("up");

        java.util.regex.Matcher owner = java.util.regex.Pattern
                .compile("First start: owner account 'admin' \\((\\S+)\\) created\\. One-time password: (\\S+)").matcher(log);
        assertThat(owner.find()).as("first start prints the owner's password:\n%s", log).isTrue();
        String password = owner.group(2);
        assertThat(ServerProcess.lines(log, password)).as("printed once, never in a log line").hasSize(1)
                .noneMatch(l -> l.contains("level="));
        assertThat(passwordGrant(owner.group(1), password)).as("the one-time password signs in").isEqualTo(200);
    }

    @Test
    @Order(5)
    void cliCreatesAccountsOnTheEmbeddedDatabaseWhileTheServerRuns() throws Exception {
        String out = server.command("accounts", "create", "erin", "--email", "erin@example.com", "--confirmed");
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("New password: ");
        assertThat(server.http().get("/api/v1/accounts/lookup?acct=erin").status()).isEqualTo(200);
        assertThat(passwordGrant("erin@example.com", last.substring("New password: ".length()))).isEqualTo(200);
        assertThat(server.http().get("/health/ready").status()).as("the server's database was left running").isEqualTo(200);
    }

    private static int passwordGrant(String login, String password) {
        var http = server.http();
        var app = http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                "client_name=t&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=read").json();
        return http.post("/oauth/token", "application/x-www-form-urlencoded", "grant_type=password&scope=read"
                + "&client_id=" + enc(app.get("client_id").asText()) + "&client_secret=" + enc(app.get("client_secret").asText())
                + "&username=" + enc(login) + "&password=" + enc(password)).status();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @Order(2)
    void dataSurvivesACleanRestart() throws Exception {
        sql("CREATE TABLE restart_probe (note text)", "INSERT INTO restart_probe VALUES ('written before restart')");
        server.stop();
        double seconds = server.startAndAwaitReady(Duration.ofSeconds(90));
        System.out.printf("FIGURE herd_restart_ready_seconds=%.1f%n", seconds);
        assertThat(count("SELECT count(*) FROM restart_probe WHERE note = 'written before restart'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void dataSurvivesSigkill() throws Exception {
        sql("INSERT INTO restart_probe VALUES ('written before kill -9')");
        server.kill();
        server.startAndAwaitReady(Duration.ofSeconds(90));
        assertThat(count("SELECT count(*) FROM restart_probe")).isEqualTo(2);
        assertThat(server.log()).contains("stopping PostgreSQL left running by a previous Herd");
    }

    @Test
    @Order(4)
    void aSecondServerOnTheSameDataDirectoryRefusesToStart() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(server.home().resolve("bin/herd").toString(), "run").redirectErrorStream(true);
        pb.environment().put("HERD_PORT", String.valueOf(ServerProcess.freePort()));
        Process second = pb.start();
        assertThat(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String output = new String(second.getInputStream().readAllBytes()).strip();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(output).isEqualTo("herd: another Herd is already running with data directory " + server.home().resolve("data"));
        assertThat(server.http().get("/health/ready").status()).as("the first one keeps serving").isEqualTo(200);
    }

    private static String jdbc() throws Exception {
        String port = Files.readString(server.home().resolve("data/pg/herd.port")).trim();
        return "jdbc:postgresql://127.0.0.1:" + port + "/herd";
    }

    private static void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc(), "postgres", ""); Statement s = c.createStatement()) {
            for (String q : statements) s.execute(q);
        }
    }

    private static long count(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc(), "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
