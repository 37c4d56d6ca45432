package social.herd.streaming.impl.hub;

import java.io.Serial;

/**
 * A stream that cannot be opened or subscribed, with Mastodon's status and error text: answered as
 * an HTTP error for SSE, as {@code {"error":"...","status":400}} over WebSocket.
 */
public final class StreamException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;

    public StreamException(int status, String error) {
        super(error, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String error() {
        return getMessage();
    }
}
