package social.herd.itests.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.testing.TestPostgres;

/**
 * The visibility matrix across bundles, on a running server: (public, unlisted, private, direct)
 * x (author, follower, mentioned, stranger, blocked, logged out) over GET status, notifications and
 * live streaming (SSE user and public streams). The statuses bundle's own matrix test covers
 * context and timelines in depth; this one shows the other bundles apply the same rule.
 */
class VisibilityAcrossBundlesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VISIBILITIES = List.of("public", "unlisted", "private", "direct");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static ServerProcess server;
    private static Http http;
    /** Viewer name to token (null: logged out). */
    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static final Map<String, String> ids = new LinkedHashMap<>();
    /** Post id by visibility. */
    private static final Map<String, String> posts = new LinkedHashMap<>();
    /** Viewer name + ":" + stream to the events that arrived on it ("update:<id>", "notification:<type>:<id>"). */
    private static final Map<String, List<String>> streamed = new LinkedHashMap<>();
    private static final List<Thread> readers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.copyOfRuntime()
                .env("HERD_DB_URL", TestPostgres.freshDatabase())
                .env("HERD_DB_USER", "postgres");
        server.startAndAwaitReady(Duration.ofSeconds(90));
        http = server.http();
        for (String v : List.of("author", "follower", "mentioned", "stranger", "blocked")) {
            String name = "vm" + v;
            tokens.put(v, token(name + "@example.com", create(name)));
            ids.put(v, http.get("/api/v1/accounts/lookup?acct=" + name).json().get("id").asText());
        }
        tokens.put("logged out", null);
        assertThat(send("POST", "/api/v1/accounts/" + ids.get("author") + "/follow", tokens.get("follower"), null).status())
                .isEqualTo(200);
        assertThat(send("POST", "/api/v1/accounts/" + ids.get("blocked") + "/block", tokens.get("author"), null).status())
                .isEqualTo(200);
        for (String v : List.of("author", "follower", "mentioned", "stranger", "blocked")) {
            listen(v, "user");
            listen(v, "public");
        }
        Http.sleep(1500); // streams subscribed before anything is posted
        for (String vis : VISIBILITIES) {
            Http.Reply r = send("POST", "/api/v1/statuses", tokens.get("author"),
                    "status=" + enc(vis + " for @vmmentioned") + "&visibility=" + vis);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            posts.put(vis, r.json().get("id").asText());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        readers.forEach(Thread::interrupt);
        if (server != null) server.close();
    }

    static List<String> expected(String viewer) {
        return switch (viewer) {
            case "author", "mentioned" -> VISIBILITIES;
            case "follower" -> List.of("public", "unlisted", "private");
            case "stranger", "logged out" -> List.of("public", "unlisted");
            case "blocked" -> List.of();
            default -> throw new AssertionError(viewer);
        };
    }

    @Test
    void getStatusAnswersExactlyTheMatrix() throws Exception {
        for (Map.Entry<String, String> v : tokens.entrySet()) {
            List<String> seen = new ArrayList<>();
            for (Map.Entry<String, String> p : posts.entrySet()) {
                Http.Reply r = send("GET", "/api/v1/statuses/" + p.getValue(), v.getValue(), null);
                if (r.status() == 200) seen.add(p.getKey());
                else assertThat(r.status()).as(v.getKey() + " " + p.getKey()).isEqualTo(404);
            }
            assertThat(seen).as(v.getKey()).isEqualTo(expected(v.getKey()));
        }
    }

    @Test
    void onlyTheMentionedAccountIsNotifiedOfEveryVisibility() throws Exception {
        Map<String, List<String>> notified = new LinkedHashMap<>();
        for (String v : List.of("author", "follower", "mentioned", "stranger", "blocked")) {
            Http.Reply r = send("GET", "/api/v1/notifications?types[]=mention", tokens.get(v), null);
            if (v.equals("mentioned")) {
                for (int i = 0; i < 100 && r.json().size() < 4; i++) {
                    Http.sleep(100);
                    r = send("GET", "/api/v1/notifications?types[]=mention", tokens.get(v), null);
                }
            }
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            List<String> got = new ArrayList<>();
            r.json().forEach(n -> got.add(n.get("status").get("visibility").asText()));
            notified.put(v, got);
        }
        assertThat(notified.get("mentioned")).containsExactlyInAnyOrder("public", "unlisted", "private", "direct");
        for (String v : List.of("author", "follower", "stranger", "blocked")) assertThat(notified.get(v)).as(v).isEmpty();
        assertThat(send("GET", "/api/v1/notifications", null, null).status()).isEqualTo(401);
    }

    @Test
    void streamsCarryOnlyWhatEachViewerMaySee() {
        // give the events time to travel: job queue, Redis pub/sub, the SSE connection
        Http.sleep(3000);
        Map<String, List<String>> updates = new LinkedHashMap<>();
        streamed.forEach((k, events) -> updates.put(k, events.stream().filter(e -> e.startsWith("update:"))
                .map(e -> visibilityOf(e.substring("update:".length()))).toList()));
        // user streams: the author's own posts, the follower's home feed; never a stranger's
        assertThat(updates.get("author:user")).containsExactlyInAnyOrder("public", "unlisted", "private", "direct");
        assertThat(updates.get("follower:user")).containsExactlyInAnyOrder("public", "unlisted", "private");
        assertThat(updates.get("stranger:user")).isEmpty();
        assertThat(updates.get("blocked:user")).isEmpty();
        // the mentioned account gets notifications on its user stream, for every visibility
        assertThat(streamed.get("mentioned:user").stream().filter(e -> e.startsWith("notification:mention")).count())
                .isEqualTo(4);
        assertThat(streamed.get("stranger:user").stream().filter(e -> e.startsWith("notification")).toList()).isEmpty();
        // the public stream: public posts only, and nothing for the blocked
        for (String v : List.of("author", "follower", "mentioned", "stranger")) {
            assertThat(updates.get(v + ":public")).as(v).containsExactly("public");
        }
        assertThat(updates.get("blocked:public")).isEmpty();
    }

    private static String visibilityOf(String id) {
        return posts.entrySet().stream().filter(p -> p.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
                .orElse("other:" + id);
    }

    /** Opens an SSE stream for {@code viewer} and records its events in the background. */
    private static void listen(String viewer, String stream) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        streamed.put(viewer + ":" + stream, events);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/streaming/" + stream))
                .header("Authorization", "Bearer " + tokens.get(viewer)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).as(viewer + " " + stream).isEqualTo(200);
        Thread t = Thread.ofVirtual().start(() -> {
            String event = null;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.startsWith("event:")) event = line.substring(6).strip();
                else if (line.startsWith("data:") && event != null) {
                    String data = line.substring(5).strip();
                    try {
                        JsonNode payload = JSON.readTree(data);
                        if (event.equals("update")) events.add("update:" + payload.get("id").asText());
                        if (event.equals("notification")) {
                            events.add("notification:" + payload.get("type").asText() + ":" + payload.get("status").get("id").asText());
                        }
                    } catch (Exception e) {
                        events.add(event + ":" + data);
                    }
                    event = null;
                }
            }
        });
        readers.add(t);
    }

    private static Http.Reply send(String method, String path, String token, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b);
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static String create(String username) {
        String out = server.command("accounts", "create", username, "--email", username + "@example.com", "--confirmed");
        List<String> lines = out.strip().lines().toList();
        return lines.get(lines.size() - 1).substring("New password: ".length());
    }

    private static String token(String email, String password) {
        JsonNode app = http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                "client_name=vm&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=read+write+follow").json();
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
}
