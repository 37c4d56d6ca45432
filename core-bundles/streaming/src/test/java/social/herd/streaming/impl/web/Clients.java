package social.herd.streaming.impl.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The JDK's HTTP client as an SSE reader and as a WebSocket client, with queues to await on. */
final class Clients {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Clients() {}

    /** An open SSE response whose lines arrive in {@link #lines}. */
    static final class Sse implements AutoCloseable {
        final HttpResponse<Stream<String>> response;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;
        private volatile boolean ended;

        Sse(URI uri, String authorization) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
            if (authorization != null) b.header("Authorization", authorization);
            response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines());
            reader = Thread.ofVirtual().start(() -> {
                try {
                    response.body().forEach(lines::add);
                } catch (RuntimeException e) {
                    // closed
                }
                ended = true;
            });
        }

        /** True once the server ended the response. */
        boolean ended() {
            return ended;
        }

        /** The next line, failing after five seconds. */
        String next() throws InterruptedException {
            String line = lines.poll(5, TimeUnit.SECONDS);
            if (line == null) throw new AssertionError("no SSE line within 5 s");
            return line;
        }

        /** Skips heartbeats and blank lines up to the next {@code event:} line, returns it and its data line. */
        String[] nextEvent() throws InterruptedException {
            String line;
            do line = next(); while (!line.startsWith("event: "));
            return new String[] {line, next()};
        }

        @Override
        public void close() {
            reader.interrupt();
            response.body().close();
        }
    }

    /** A WebSocket whose text messages arrive whole in {@link #messages}. */
    static final class Ws implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        volatile int closedWith = -1;
        WebSocket socket;

        static Ws open(URI uri, String subprotocol, String authorization) throws Exception {
            Ws ws = new Ws();
            WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
            if (subprotocol != null) b.subprotocols(subprotocol);
            if (authorization != null) b.header("Authorization", authorization);
            ws.socket = b.buildAsync(uri, ws).get(5, TimeUnit.SECONDS);
            return ws;
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String m = messages.poll(5, TimeUnit.SECONDS);
            if (m == null) throw new AssertionError("no WebSocket message within 5 s");
            return m;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith = statusCode;
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
