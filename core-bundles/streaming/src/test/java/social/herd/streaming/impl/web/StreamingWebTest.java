package social.herd.streaming.impl.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.streaming.impl.Fakes;
import social.herd.streaming.impl.Fakes.Status;
import social.herd.streaming.impl.KvNode;
import social.herd.streaming.impl.StreamingSettings;
import social.herd.streaming.impl.fanout.StreamingFanout;
import social.herd.streaming.impl.hub.RecordingConnection;
import social.herd.streaming.impl.hub.StreamHub;
import social.herd.web.api.Json;

/**
 * The wire protocols on a real Jetty 12 with its ee10 WebSocket server, as Felix HTTP sets it up:
 * SSE framing and heartbeats, WebSocket frames exactly as Mastodon sends them, the three ways of
 * passing the token (the subprotocol one echoed), errors, CORS, and a client that stops reading.
 */
class StreamingWebTest {

    static final Fakes.Graph graph = new Fakes.Graph();
    static final Fakes.Statuses statuses = new Fakes.Statuses(graph);
    static final Fakes.Tokens tokens = new Fakes.Tokens();
    static final Fakes.RecordingMetrics metrics = new Fakes.RecordingMetrics();
    static KvNode node;
    static StreamHub hub;
    static StreamingFanout fanout;
    static Server server;
    static String base, ws;

    @BeforeAll
    static void start() throws Exception {
        node = KvNode.inProcess();
        StreamingSettings settings = StreamingSettings.defaults().withOutbox(100, 256 * 1024, 1000, 300);
        hub = new StreamHub(settings, node.pubSub, statuses, graph, () -> null, metrics);
        fanout = new StreamingFanout(graph, statuses, node.pubSub);
        Access access = new Access(tokens);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/api/v1/streaming");
        context.setAllowNullPathInContext(true); // Felix's context sits at "/": no redirect to a trailing slash there
        ServletHolder holder = new ServletHolder(new StreamingServlet(hub, access, new JettyUpgrader(hub, access)));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        JettyWebSocketServletContainerInitializer.configure(context, null);
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/api/v1/streaming";
        ws = "ws://127.0.0.1:" + connector.getLocalPort() + "/api/v1/streaming";
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        server.stop();
        node.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) b.headers(headers);
        return Clients.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Status post(Status s) {
        statuses.add(s);
        fanout.on(s.event(EventTypes.STATUS_CREATED));
        return s;
    }

    @Test
    void healthIsPlainOk() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("OK");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void errorsAreMastodonsJson() throws Exception {
        String token = tokens.issue(Fakes.newId(), "read");
        assertThat(get("").statusCode()).as("same host streams: no redirect").isEqualTo(404);
        HttpResponse<String> unknown = get("/everything", "Authorization", "Bearer " + token);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"Unknown channel requested\"}");
        assertThat(get("/public").body()).isEqualTo("{\"error\":\"Missing access token\"}");
        HttpResponse<String> bad = get("/public?access_token=nope");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).isEqualTo("{\"error\":\"Invalid access token\"}");
        assertThat(get("/hashtag", "Authorization", "Bearer " + token).body()).isEqualTo("{\"error\":\"No tag for stream provided\"}");
        String writeOnly = tokens.issue(Fakes.newId(), "write");
        assertThat(get("/public", "Authorization", "Bearer " + writeOnly).statusCode()).isEqualTo(401);
        HttpResponse<String> options = Clients.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/user"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void sseStreamsEventsAndHeartbeatsAsMastodonWritesThem() throws Exception {
        long author = Fakes.newId(), viewer = Fakes.newId();
        graph.follow(viewer, author);
        try (Clients.Sse sse = new Clients.Sse(URI.create(base + "/user"), "Bearer " + tokens.issue(viewer, "read"))) {
            assertThat(sse.response.statusCode()).isEqualTo(200);
            assertThat(sse.response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(sse.next()).isEqualTo(":)");
            Status s = post(Status.post(author, "private", "sse hello"));
            String[] update = sse.nextEvent();
            assertThat(update[0]).isEqualTo("event: update");
            assertThat(update[1]).startsWith("data: {");
            assertThat(Json.mapper().readTree(update[1].substring(6)).get("id").asText()).isEqualTo(Long.toString(s.id()));
            assertThat(sse.next()).as("events end with a blank line").isEmpty();
            fanout.on(new Event(EventTypes.FILTERS_CHANGED, Map.of("account_id", viewer)));
            assertThat(sse.nextEvent()).containsExactly("event: filters_changed", "data: undefined");
            String line;
            do line = sse.next(); while (line.isEmpty());
            assertThat(line).as("idle: a heartbeat comment").isEqualTo(":thump");
        }
    }

    @Test
    void sseTakesTheTokenFromTheQueryToo() throws Exception {
        long author = Fakes.newId();
        String token = tokens.issue(Fakes.newId(), "read:statuses");
        try (Clients.Sse sse = new Clients.Sse(URI.create(base + "/public/local?access_token=" + token), null)) {
            assertThat(sse.next()).isEqualTo(":)");
            post(Status.post(author, "public", "query token"));
            assertThat(sse.nextEvent()[1]).contains("query token");
        }
    }

    @Test
    void webSocketWithTheTokenAsSubprotocolEchoesItAndFramesLikeMastodon() throws Exception {
        long author = Fakes.newId(), viewer = Fakes.newId();
        graph.follow(viewer, author);
        String token = tokens.issue(viewer, "read", "write");
        try (Clients.Ws client = Clients.Ws.open(URI.create(ws), token, null)) {
            assertThat(client.socket.getSubprotocol()).isEqualTo(token);
            client.send("{\"type\":\"subscribe\",\"stream\":\"user\"}");
            client.send("{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"Herd\"}");
            client.send("{\"type\":\"subscribe\",\"stream\":\"nonsense\"}");
            assertThat(client.next()).isEqualTo("{\"error\":\"Unknown stream type\",\"status\":400}");
            Status s = post(Status.post(author, "public", "ws hello").tagged("herd"));
            String first = client.next(), second = client.next();
            JsonNode user = Json.mapper().readTree(first.contains("\"user\"") ? first : second);
            JsonNode tag = Json.mapper().readTree(first.contains("\"user\"") ? second : first);
            assertThat(user.fieldNames()).toIterable().containsExactly("stream", "event", "payload");
            assertThat(user.get("stream").toString()).isEqualTo("[\"user\"]");
            assertThat(user.get("event").asText()).isEqualTo("update");
            assertThat(user.get("payload").isTextual()).as("the payload is JSON cast to a string").isTrue();
            assertThat(Json.mapper().readTree(user.get("payload").asText()).get("id").asText()).isEqualTo(Long.toString(s.id()));
            assertThat(tag.get("stream").toString()).isEqualTo("[\"hashtag\",\"Herd\"]");

            client.send("{\"type\":\"unsubscribe\",\"stream\":\"hashtag\",\"tag\":\"Herd\"}");
            // no acknowledgement in the protocol; messages are handled in order, so an error reply is a barrier
            client.send("{\"type\":\"subscribe\",\"stream\":\"hashtag\"}");
            assertThat(client.next()).isEqualTo("{\"error\":\"No tag for stream provided\",\"status\":400}");
            fanout.on(s.event(EventTypes.STATUS_DELETED));
            assertThat(client.next()).isEqualTo("{\"stream\":[\"user\"],\"event\":\"delete\",\"payload\":\"" + s.id() + "\"}");
            fanout.on(new Event(EventTypes.FILTERS_CHANGED, Map.of("account_id", viewer)));
            assertThat(client.next()).isEqualTo("{\"stream\":[\"user\"],\"event\":\"filters_changed\"}");
            assertThat(client.messages).as("nothing from the unsubscribed hashtag stream").isEmpty();
        }
    }

    @Test
    void webSocketTakesTheTokenFromTheQueryOrTheAuthorizationHeader() throws Exception {
        long author = Fakes.newId();
        String token = tokens.issue(Fakes.newId(), "read");
        try (Clients.Ws byQuery = Clients.Ws.open(URI.create(ws + "?access_token=" + token + "&stream=public:local"), null, null);
             Clients.Ws byHeader = Clients.Ws.open(URI.create(ws + "/?stream=public"), null, "Bearer " + token)) {
            assertThat(byQuery.socket.getSubprotocol()).isEmpty();
            for (Clients.Ws c : new Clients.Ws[] {byQuery, byHeader}) { // barrier: the query subscription is made on open
                c.send("{\"type\":\"subscribe\",\"stream\":\"nonsense\"}");
                assertThat(c.next()).contains("Unknown stream type");
            }
            post(Status.post(author, "public", "megalodon style"));
            assertThat(Json.mapper().readTree(byQuery.next()).get("stream").toString()).isEqualTo("[\"public:local\"]");
            assertThat(Json.mapper().readTree(byHeader.next()).get("stream").toString()).isEqualTo("[\"public\"]");
        }
    }

    @Test
    void webSocketWithoutAValidTokenIsRefusedAtTheHandshake() {
        for (String protocol : new String[] {"not-a-token", null}) {
            assertThatThrownBy(() -> Clients.Ws.open(URI.create(ws), protocol, null))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
        }
    }

    @Test
    void streamsOfARevokedTokenEnd() throws Exception {
        long viewer = Fakes.newId();
        String sseToken = tokens.issue(viewer, "read"), wsToken = tokens.issue(viewer, "read");
        try (Clients.Sse sse = new Clients.Sse(URI.create(base + "/user"), "Bearer " + sseToken);
             Clients.Ws socket = Clients.Ws.open(URI.create(ws + "?stream=user"), wsToken, null)) {
            assertThat(sse.next()).isEqualTo(":)");
            long before = metrics.count("herd_streaming_disconnects_total", "token_revoked");
            tokens.byToken.remove(sseToken);
            tokens.byToken.remove(wsToken);
            RecordingConnection.awaitTrue("both streams ended", () -> socket.closedWith == 1008
                    && metrics.count("herd_streaming_disconnects_total", "token_revoked") == before + 2);
            String line;
            do line = sse.lines.poll(5, java.util.concurrent.TimeUnit.SECONDS); while (line != null && !sse.ended());
            assertThat(sse.ended()).as("the SSE response was completed").isTrue();
        }
    }

    @Test
    void anSseClientThatStopsReadingIsDisconnected() throws Exception {
        long author = Fakes.newId(), viewer = Fakes.newId();
        String token = tokens.issue(viewer, "read");
        long slowBefore = metrics.count("herd_streaming_disconnects_total", "slow_client");
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            URI uri = URI.create(base);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/streaming/hashtag?tag=flood HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[64];
            assertThat(new String(head, 0, in.read(head), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            assertThat(hub.openFor(viewer)).isEqualTo(1);
            String big = "x".repeat(16 * 1024);
            // the client reads nothing more: socket buffers fill, the writer blocks, the outbox overflows.
            // Other tests' idle streams may overflow too, so watch this viewer's connection itself.
            for (int i = 0; i < 400 && hub.openFor(viewer) > 0; i++) {
                post(Status.post(author, "public", big + i).tagged("flood"));
                if (i % 50 == 49) Thread.sleep(50);
            }
            RecordingConnection.awaitTrue("the slow client was disconnected", () -> hub.openFor(viewer) == 0
                    && metrics.count("herd_streaming_disconnects_total", "slow_client") >= slowBefore + 1);
            socket.setSoTimeout(5000);
            byte[] drain = new byte[65536];
            int n;
            long total = 0;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            // the server cut the socket: the reads end (heartbeats would keep an open one alive)
            while ((n = in.read(drain)) > 0 && System.nanoTime() < deadline) total += n;
            assertThat(n).isEqualTo(-1);
            assertThat(total).isLessThan(400L * 16 * 1024);
        }
    }
}
