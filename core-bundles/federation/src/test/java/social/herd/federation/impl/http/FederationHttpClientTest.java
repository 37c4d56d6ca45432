package social.herd.federation.impl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** Against a JDK HttpServer on 127.0.0.1, which the default policy must refuse. */
class FederationHttpClientTest {
    static HttpServer server;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", x -> reply(x, 200, "{\"ok\":true}"));
        server.createContext("/big", x -> { // chunked, no Content-Length: the cap must apply while reading
            x.sendResponseHeaders(200, 0);
            try (OutputStream o = x.getResponseBody()) {
                byte[] k = new byte[1024];
                for (int i = 0; i < 2048; i++) o.write(k);
            } catch (IOException ignored) {
                // the client hung up, as intended
            }
        });
        server.createContext("/declared", x -> {
            x.sendResponseHeaders(200, 5_000_000);
            OutputStream o = x.getResponseBody();
            o.write(new byte[10]);
            o.flush(); // then hang up: the client must refuse on the declared length alone
            x.close();
        });
        server.createContext("/loop", x -> redirect(x, "/loop"));
        server.createContext("/hop", x -> redirect(x, "/ok"));
        server.createContext("/to-metadata", x -> redirect(x, "http://169.254.169.254/latest/meta-data/"));
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(x, 200, "late");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    static void redirect(HttpExchange x, String to) throws IOException {
        x.getResponseHeaders().add("Location", to);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    static FederationHttpClient allowed() {
        return new FederationHttpClient(FetchSettings.defaults().withAllowedHosts(Set.of("127.0.0.1")));
    }

    @Test
    void loopbackRefusedByDefault_allowedByFlagOrList() throws Exception {
        assertThatThrownBy(() -> new FederationHttpClient(FetchSettings.defaults()).get(URI.create(base + "/ok"), Map.of()))
                .hasFieldOrPropertyWithValue("reason", FetchException.Reason.FORBIDDEN_ADDRESS);
        assertThat(new String(allowed().get(URI.create(base + "/ok"), Map.of()).body())).isEqualTo("{\"ok\":true}");
        var flag = new FederationHttpClient(FetchSettings.defaults().withAllowPrivate(true));
        assertThat(flag.get(URI.create(base + "/ok"), Map.of()).status()).isEqualTo(200);
        assertThat(flag.post(URI.create(base + "/ok"), Map.of("Content-Type", "application/json"), new byte[] {1}).status())
                .isEqualTo(200);
    }

    @Test
    void oversizeBody() {
        var small = new FederationHttpClient(FetchSettings.defaults().withAllowPrivate(true).withMaxBodyBytes(64 * 1024));
        assertThatThrownBy(() -> small.get(URI.create(base + "/big"), Map.of()))
                .hasFieldOrPropertyWithValue("reason", FetchException.Reason.TOO_LARGE);
        assertThatThrownBy(() -> small.get(URI.create(base + "/declared"), Map.of()))
                .hasFieldOrPropertyWithValue("reason", FetchException.Reason.TOO_LARGE);
    }

    @Test
    void redirects() throws Exception {
        var r = allowed().get(URI.create(base + "/hop"), Map.of());
        assertThat(r.uri().getPath()).isEqualTo("/ok");
        assertThatThrownBy(() -> allowed().get(URI.create(base + "/loop"), Map.of()))
                .hasFieldOrPropertyWithValue("reason", FetchException.Reason.TOO_MANY_REDIRECTS);
        // Allowed to reach the test server, but the hop to the metadata address is checked again.
        assertThatThrownBy(() -> allowed().get(URI.create(base + "/to-metadata"), Map.of()))
                .hasFieldOrPropertyWithValue("reason", FetchException.Reason.FORBIDDEN_ADDRESS);
        var none = new FederationHttpClient(FetchSettings.defaults().withAllowPrivate(true).withMaxRedirects(0));
        assertThatThrownBy(() -> none.get(URI.create(base + "/hop"), Map.of()))
                .hasFieldOrPropertyWithValue("reason", FetchException.Reason.TOO_MANY_REDIRECTS);
    }

    @Test
    void timeout() {
        var quick = new FederationHttpClient(FetchSettings.defaults().withAllowPrivate(true)
                .withRequestTimeout(Duration.ofMillis(300)));
        assertThatThrownBy(() -> quick.get(URI.create(base + "/slow"), Map.of()))
                .hasFieldOrPropertyWithValue("reason", FetchException.Reason.TIMEOUT);
    }
}
