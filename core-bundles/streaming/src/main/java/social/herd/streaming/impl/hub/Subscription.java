package social.herd.streaming.impl.hub;

/** One stream on one connection (an SSE response has one; a WebSocket any number). */
public record Subscription(Connection connection, StreamSpec spec) {

    long viewerId() {
        return connection.viewerId();
    }
}
