package social.herd.streaming.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.auth.Principal;
import social.herd.streaming.impl.hub.CloseReason;
import social.herd.streaming.impl.hub.Connection;
import social.herd.streaming.impl.hub.StreamException;
import social.herd.streaming.impl.hub.StreamHub;
import social.herd.streaming.impl.hub.StreamSpec;
import social.herd.streaming.impl.hub.Subscription;
import social.herd.web.api.Json;

/**
 * A multiplexed WebSocket stream, Mastodon's protocol: the client sends
 * {@code {"type":"subscribe","stream":"hashtag","tag":"foo"}} (or {@code unsubscribe}), the server
 * sends {@code {"stream":["hashtag","foo"],"event":"update","payload":"<JSON as a string>"}} and
 * {@code {"error":"...","status":400}} for a subscription it refuses. A {@code stream} query
 * parameter subscribes at once. Pings go out when idle; a client that answers none for three
 * intervals is closed. Public only because Jetty calls the listener methods through method handles.
 */
public final class WsConnection extends Connection implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);

    private final String token;
    private final Access access;
    private final StreamHub hub;
    private final Map<String, String> query;
    private final long heartbeatMillis;
    private volatile Session session;
    private volatile long lastPong = System.nanoTime();

    WsConnection(Principal principal, String token, Access access, String address, StreamHub hub, Map<String, String> query) {
        super(principal, address, hub.settings());
        this.token = token;
        this.access = access;
        this.hub = hub;
        this.query = query;
        this.heartbeatMillis = hub.settings().heartbeatMillis();
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        s.setIdleTimeout(Duration.ofMillis(heartbeatMillis * 4));
        s.setMaxTextMessageSize(16 * 1024);
        try {
            hub.attach(this);
        } catch (StreamException e) {
            s.close(StatusCode.TRY_AGAIN_LATER, e.error(), Callback.NOOP);
            return;
        }
        String stream = query.get("stream");
        if (stream != null && !stream.isBlank()) subscribe(stream, query::get);
    }

    @Override
    public void onWebSocketText(String message) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(message);
        } catch (IOException e) {
            return; // Mastodon ignores what it cannot parse
        }
        if (json == null || !json.isObject()) return;
        String stream = first(json.get("stream"));
        String type = json.path("type").asText("");
        if (type.equals("subscribe")) subscribe(stream, key -> first(json.get(key)));
        else if (type.equals("unsubscribe")) unsubscribe(stream, key -> first(json.get(key)));
    }

    private void subscribe(String stream, Function<String, String> params) {
        try {
            hub.subscribe(this, StreamSpec.resolve(stream, params, principal()));
        } catch (StreamException e) {
            error(e);
        }
    }

    private void unsubscribe(String stream, Function<String, String> params) {
        try {
            hub.unsubscribe(this, StreamSpec.resolve(stream, params, principal()));
        } catch (StreamException e) {
            error(e);
        }
    }

    private void error(StreamException e) {
        ObjectNode frame = Json.mapper().createObjectNode().put("error", e.error()).put("status", e.status());
        offer(frame.toString());
    }

    /** A value of a subscribe message or query: strings as they are, numbers as text, arrays by their first element. */
    private static String first(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isArray()) return node.isEmpty() ? null : first(node.get(0));
        return node.asText();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastPong = System.nanoTime();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        close(CloseReason.CLIENT);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("websocket error account_id={} error={}", viewerId(), cause.toString());
        close(CloseReason.CLIENT);
    }

    @Override
    protected String frame(Subscription subscription, String event, String payload) {
        ObjectNode frame = Json.mapper().createObjectNode();
        subscription.spec().streamLabel().forEach(frame.putArray("stream")::add);
        frame.put("event", event);
        if (!payload.isEmpty()) frame.put("payload", payload); // filters_changed carries none
        return frame.toString();
    }

    @Override
    protected void begin() {
        // the handshake has been answered; nothing to send before the first event
    }

    @Override
    protected void send(String frame) throws IOException {
        Callback.Completable done = new Callback.Completable();
        session.sendText(frame, done);
        try {
            done.get(heartbeatMillis * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close(CloseReason.SLOW_CLIENT);
            throw new IOException("send not completed in time");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    protected void heartbeat() {
        if (System.nanoTime() - lastPong > TimeUnit.MILLISECONDS.toNanos(heartbeatMillis * 3)) {
            LOG.debug("websocket closed: no pong account_id={}", viewerId());
            close(CloseReason.SLOW_CLIENT);
            return;
        }
        session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
    }

    @Override
    protected void end(CloseReason reason) {
        Session s = session;
        if (s == null || !s.isOpen()) return;
        switch (reason) {
            case SHUTDOWN -> s.close(StatusCode.SHUTDOWN, "Server shutting down", Callback.NOOP);
            case ERROR -> s.close(StatusCode.SERVER_ERROR, "Server error", Callback.NOOP);
            case REVOKED -> s.close(StatusCode.POLICY_VIOLATION, "Invalid access token", Callback.NOOP);
            case SLOW_CLIENT -> s.disconnect();
            case CLIENT -> s.close(StatusCode.NORMAL, null, Callback.NOOP);
        }
    }

    @Override
    protected boolean stillAuthorized() {
        return access.stillValid(token);
    }

    @Override
    protected void abort() {
        Session s = session;
        if (s != null) s.disconnect();
    }
}
