package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import social.herd.itests.Http;
import social.herd.itests.system.ServerProcess;

/**
 * One Herd server of a federation test, seen as its users see it: accounts created with the CLI,
 * signed in with the password grant, driven through the Mastodon API.
 */
public final class Peer implements AutoCloseable {

    public final ServerProcess server;
    public final String publicUrl;
    public final Http http;
    /** Where the test itself sends its API requests: the server's own port, never a proxy in front. */
    public final String apiBase;

    private Peer(ServerProcess server, String publicUrl) {
        this.server = server;
        this.publicUrl = publicUrl;
        this.http = server.http();
        this.apiBase = publicUrl.startsWith("http://") ? publicUrl.replace("localhost", "127.0.0.1")
                : "http://127.0.0.1:" + server.port();
    }

    /** A server whose public URL (and so its domain) uses {@code host} ("localhost" or "127.0.0.1"). */
    public static Peer start(String host, String... env) {
        return prepare(host, dir -> { }, env);
    }

    /** What a test writes into the server's folder before it starts (e.g. deploy/*.config). */
    public interface Setup {
        void into(java.nio.file.Path home) throws java.io.IOException;
    }

    public static Peer prepare(String host, Setup setup, String... env) {
        ServerProcess s = ServerProcess.copyOfRuntime();
        try {
            setup.into(s.home());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return start(s, "http://" + host + ":" + s.port(), env);
    }

    /**
     * A server whose public URL is {@code publicUrl} (e.g. https through a TLS proxy on another
     * port); the test still talks to its own http port directly.
     */
    public static Peer start(ServerProcess s, String publicUrl, String... env) {
        s.env("HERD_PUBLIC_URL", publicUrl).env("HERD_FEDERATION_ALLOW_PRIVATE", "true");
        for (int i = 0; i + 1 < env.length; i += 2) s.env(env[i], env[i + 1]);
        s.startAndAwaitReady(Duration.ofSeconds(120));
        return new Peer(s, publicUrl);
    }

    public String domain() {
        return URI.create(publicUrl).getAuthority();
    }

    /** A user: created, confirmed, signed in. */
    public User user(String username) {
        return user(username, "user");
    }

    /**
     * A user with {@code role} ({@code user}, {@code moderator}, {@code admin} or {@code owner});
     * staff tokens also get the {@code admin:read admin:write} scopes.
     */
    public User user(String username, String role) {
        String scopes = role.equals("user") ? "read write follow" : "read write follow admin:read admin:write";
        String out = server.command("accounts", "create", username, "--email", username + "@example.com", "--confirmed",
                "--role", role);
        List<String> lines = out.strip().lines().toList();
        String password = lines.get(lines.size() - 1).substring("New password: ".length());
        JsonNode app = http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                "client_name=itest&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=" + enc(scopes)).json();
        Http.Reply token = http.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&scope=" + enc(scopes) + "&client_id=" + enc(app.get("client_id").asText())
                        + "&client_secret=" + enc(app.get("client_secret").asText())
                        + "&username=" + enc(username + "@example.com") + "&password=" + enc(password));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        User u = new User(this, username, token.json().get("access_token").asText());
        u.password = password;
        u.id = u.get("/api/v1/accounts/verify_credentials").json().get("id").asText();
        return u;
    }

    /** Log lines of errors and of requests answered 500: a test of bad input expects none. */
    public List<String> serverErrors() {
        return server.log().lines()
                .filter(l -> l.contains("level=ERROR") || l.contains(" 500 ") || l.contains("status=500")).toList();
    }

    /** Warnings about jobs: a failed (and so retried) ingress job is logged so. */
    public List<String> jobWarnings() {
        return server.log().lines().filter(l -> l.contains("level=WARN") && l.toLowerCase().contains("job")).toList();
    }

    /** Posts {@code activity} to the shared inbox signed by a fake peer's actor; it must be accepted (202). */
    public void deliver(Object activity, FakePeer.Actor signer) {
        Http.Reply r = http.send(FakePeer.post(publicUrl + "/inbox", FakePeer.json(activity), signer).builder());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    /** A signed-in user of a peer. */
    public static final class User {
        public final Peer peer;
        public final String username;
        public final String token;
        public String id;
        public String password;

        public User(Peer peer, String username, String token) {
            this.peer = peer;
            this.username = username;
            this.token = token;
        }

        public String handle() {
            return username + "@" + peer.domain();
        }

        public Http.Reply get(String path) {
            return peer.http.send(HttpRequest.newBuilder(URI.create(peer.apiBase + path))
                    .header("Authorization", "Bearer " + token).GET());
        }

        public Http.Reply post(String path, String form) {
            return send("POST", path, form);
        }

        public Http.Reply send(String method, String path, String form) {
            return peer.http.send(HttpRequest.newBuilder(URI.create(peer.apiBase + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form == null ? "" : form)));
        }

        public JsonNode ok(Http.Reply r) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json();
        }

        /** The local id of a remote account, found (and fetched) by handle. */
        public String lookup(String handle) {
            return ok(get("/api/v1/accounts/lookup?acct=" + enc(handle))).get("id").asText();
        }

        /** Follows {@code accountId} and waits until the follow is in place (accepted, for a remote account). */
        public void followAndAwait(String accountId) {
            ok(post("/api/v1/accounts/" + accountId + "/follow", ""));
            await("/api/v1/accounts/relationships?id[]=" + accountId, r -> r.get(0).get("following").asBoolean());
        }

        /** Polls {@code path} until {@code done} holds (federation is asynchronous), at most 30 s. */
        public JsonNode await(String path, Predicate<JsonNode> done) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Http.Reply last = get(path);
            while (System.nanoTime() < deadline) {
                if (last.status() == 200 && done.test(last.json())) return last.json();
                Http.sleep(200);
                last = get(path);
            }
            throw new AssertionError("gave up waiting for " + path + ": " + last.status() + " " + last.body());
        }

        /** Posts a status; returns its JSON. */
        public JsonNode status(String text, String visibility) {
            return ok(post("/api/v1/statuses", "status=" + enc(text) + "&visibility=" + visibility));
        }
    }
}
