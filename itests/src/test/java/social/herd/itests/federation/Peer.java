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
final class Peer implements AutoCloseable {

    final ServerProcess server;
    final String publicUrl;
    final Http http;
    /** Where the test itself sends its API requests: the server's own port, never a proxy in front. */
    final String apiBase;

    private Peer(ServerProcess server, String publicUrl) {
        this.server = server;
        this.publicUrl = publicUrl;
        this.http = server.http();
        this.apiBase = publicUrl.startsWith("http://") ? publicUrl.replace("localhost", "127.0.0.1")
                : "http://127.0.0.1:" + server.port();
    }

    /** A server whose public URL (and so its domain) uses {@code host} ("localhost" or "127.0.0.1"). */
    static Peer start(String host, String... env) {
        return prepare(host, dir -> { }, env);
    }

    /** What a test writes into the server's folder before it starts (e.g. deploy/*.config). */
    interface Setup {
        void into(java.nio.file.Path home) throws java.io.IOException;
    }

    static Peer prepare(String host, Setup setup, String... env) {
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
    static Peer start(ServerProcess s, String publicUrl, String... env) {
        s.env("HERD_PUBLIC_URL", publicUrl).env("HERD_FEDERATION_ALLOW_PRIVATE", "true");
        for (int i = 0; i + 1 < env.length; i += 2) s.env(env[i], env[i + 1]);
        s.startAndAwaitReady(Duration.ofSeconds(120));
        return new Peer(s, publicUrl);
    }

    String domain() {
        return URI.create(publicUrl).getAuthority();
    }

    /** A user: created, confirmed, signed in. */
    User user(String username) {
        String out = server.command("accounts", "create", username, "--email", username + "@example.com", "--confirmed");
        List<String> lines = out.strip().lines().toList();
        String password = lines.get(lines.size() - 1).substring("New password: ".length());
        JsonNode app = http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                "client_name=itest&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=read+write+follow").json();
        Http.Reply token = http.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&scope=read+write+follow&client_id=" + enc(app.get("client_id").asText())
                        + "&client_secret=" + enc(app.get("client_secret").asText())
                        + "&username=" + enc(username + "@example.com") + "&password=" + enc(password));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        User u = new User(this, username, token.json().get("access_token").asText());
        u.password = password;
        u.id = u.get("/api/v1/accounts/verify_credentials").json().get("id").asText();
        return u;
    }

    /** Log lines of errors and of requests answered 500: a test of bad input expects none. */
    List<String> serverErrors() {
        return server.log().lines()
                .filter(l -> l.contains("level=ERROR") || l.contains(" 500 ") || l.contains("status=500")).toList();
    }

    /** Warnings about jobs: a failed (and so retried) ingress job is logged so. */
    List<String> jobWarnings() {
        return server.log().lines().filter(l -> l.contains("level=WARN") && l.toLowerCase().contains("job")).toList();
    }

    /** Posts {@code activity} to the shared inbox signed by a fake peer's actor; it must be accepted (202). */
    void deliver(Object activity, FakePeer.Actor signer) {
        Http.Reply r = http.send(FakePeer.post(publicUrl + "/inbox", FakePeer.json(activity), signer).builder());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    /** A signed-in user of a peer. */
    static final class User {
        final Peer peer;
        final String username;
        final String token;
        String id;
        String password;

        User(Peer peer, String username, String token) {
            this.peer = peer;
            this.username = username;
            this.token = token;
        }

        String handle() {
            return username + "@" + peer.domain();
        }

        Http.Reply get(String path) {
            return peer.http.send(HttpRequest.newBuilder(URI.create(peer.apiBase + path))
                    .header("Authorization", "Bearer " + token).GET());
        }

        Http.Reply post(String path, String form) {
            return send("POST", path, form);
        }

        Http.Reply send(String method, String path, String form) {
            return peer.http.send(HttpRequest.newBuilder(URI.create(peer.apiBase + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form == null ? "" : form)));
        }

        JsonNode ok(Http.Reply r) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json();
        }

        /** The local id of a remote account, found (and fetched) by handle. */
        String lookup(String handle) {
            return ok(get("/api/v1/accounts/lookup?acct=" + enc(handle))).get("id").asText();
        }

        /** Follows {@code accountId} and waits until the follow is in place (accepted, for a remote account). */
        void followAndAwait(String accountId) {
            ok(post("/api/v1/accounts/" + accountId + "/follow", ""));
            await("/api/v1/accounts/relationships?id[]=" + accountId, r -> r.get(0).get("following").asBoolean());
        }

        /** Polls {@code path} until {@code done} holds (federation is asynchronous), at most 30 s. */
        JsonNode await(String path, Predicate<JsonNode> done) {
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
        JsonNode status(String text, String visibility) {
            return ok(post("/api/v1/statuses", "status=" + enc(text) + "&visibility=" + visibility));
        }
    }
}
