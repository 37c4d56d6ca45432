package social.herd.streaming.impl.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import social.herd.api.auth.Principal;
import social.herd.streaming.impl.StreamingSettings;
import social.herd.streaming.impl.hub.CloseReason;
import social.herd.streaming.impl.hub.Connection;
import social.herd.streaming.impl.hub.Subscription;

/**
 * A server-sent events stream on an async servlet response, written the way Mastodon writes it:
 * {@code :)} first, {@code event: <name>} and {@code data: <payload>} per event, {@code :thump}
 * when idle. The writer thread blocks in writes; a client that stops reading is cut by
 * {@link #abort()} once its outbox overflows.
 */
final class SseConnection extends Connection implements AsyncListener {

    private final AsyncContext async;
    private final Runnable hardClose;
    private final Access access;
    private final String token;

    /**
     * Call on the request thread: sets the response headers before the container may commit them.
     *
     * @param hardClose closes the underlying socket (Jetty), for a writer stuck on a client that reads nothing
     */
    SseConnection(Principal principal, String token, Access access, String address, AsyncContext async,
                  Runnable hardClose, StreamingSettings settings) {
        super(principal, address, settings);
        this.async = async;
        this.hardClose = hardClose;
        this.access = access;
        this.token = token;
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "private, no-store");
        response.setHeader("X-Accel-Buffering", "no"); // nginx would otherwise hold events back
        async.setTimeout(0); // streams last until the client or the server ends them
        async.addListener(this);
    }

    @Override
    public String transport() {
        return "sse";
    }

    @Override
    protected String frame(Subscription subscription, String event, String payload) {
        // filters_changed has no payload; Mastodon's JavaScript writes it as "undefined"
        String data = payload.isEmpty() ? "undefined" : payload;
        return "event: " + event + "\ndata: " + data + "\n\n";
    }

    @Override
    protected void begin() throws IOException {
        write(":)\n");
    }

    @Override
    protected void send(String frame) throws IOException {
        write(frame);
    }

    @Override
    protected void heartbeat() throws IOException {
        write(":thump\n");
    }

    private void write(String text) throws IOException {
        ServletOutputStream out = async.getResponse().getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    protected void end(CloseReason reason) {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed by the container (client gone, error dispatch)
        }
    }

    @Override
    protected void abort() {
        hardClose.run();
    }

    @Override
    protected boolean stillAuthorized() {
        return access.stillValid(token);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close(CloseReason.CLIENT);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close(CloseReason.CLIENT);
    }

    @Override
    public void onError(AsyncEvent event) {
        close(CloseReason.CLIENT);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-dispatched
    }
}
