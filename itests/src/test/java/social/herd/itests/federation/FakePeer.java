package social.herd.itests.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import social.herd.federation.impl.signatures.CavageSignatures;
import social.herd.federation.impl.signatures.Rfc9421Signatures;
import social.herd.federation.impl.signatures.SignatureException;
import social.herd.federation.impl.signatures.SignedRequest;

/**
 * A remote ActivityPub server played by the test: a JDK HTTP server on 127.0.0.1 that publishes
 * actor documents (RSA keys made here) and WebFinger for them, answers 202 to every POST, and
 * records every request it receives. The test signs requests as its actors with Herd's own
 * signature code, and can forge, tamper and replay them at will.
 */
public final class FakePeer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request the peer received. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        /** The body as JSON (an empty object when it is not JSON). */
        public com.fasterxml.jackson.databind.JsonNode json() {
            try {
                return JSON.readTree(body.isEmpty() ? "{}" : body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }
    }

    /** An actor the peer publishes; {@code host} is the authority of its id ("127.0.0.1:port" or an alias). */
    public record Actor(String username, String host, KeyPair keys) {
        public String id() {
            return "http://" + host + "/users/" + username;
        }

        public String keyId() {
            return id() + "#main-key";
        }

        public String acct() {
            return username + "@" + host;
        }

        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    public final HttpServer server;
    public final int port;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Actor> actors = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> extras = new ConcurrentHashMap<>();
    /** Arbitrary JSON documents served at "host/path" (host as in the Host header). */
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    /** Extra WebFinger answers: "user@host" to an actor id. */
    private final Map<String, String> webfinger = new ConcurrentHashMap<>();

    private FakePeer(HttpServer server) {
        this.server = server;
        this.port = server.getAddress().getPort();
    }

    public static FakePeer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.setExecutor(Executors.newFixedThreadPool(4));
            FakePeer peer = new FakePeer(s);
            s.createContext("/", peer::handle);
            s.start();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    public String base() {
        return "http://" + host();
    }

    /** A new actor on this peer with a fresh RSA-2048 key. */
    public Actor actor(String username) {
        return actor(username, host());
    }

    /** A new actor whose id uses another authority that reaches this peer (e.g. "localhost:port"). */
    public Actor actor(String username, String host) {
        return publish(new Actor(username, host, rsa()));
    }

    /** Extra properties of an actor's document (a display name, a bio), merged over the defaults. */
    public void decorate(Actor a, Map<String, Object> extra) {
        extras.put(a.host() + "/" + a.username(), Map.copyOf(extra));
    }

    /** Publishes {@code a} (replacing an actor of the same name and host). */
    public Actor publish(Actor a) {
        actors.put(a.host() + "/" + a.username(), a);
        return a;
    }

    /** Serves {@code json} (as activity+json) at the path of {@code url}, for the authority of {@code url}. */
    public void serve(String url, String json) {
        URI u = URI.create(url);
        documents.put(u.getRawAuthority() + u.getRawPath(), json);
    }

    /** The document served at {@code url}, or null. */
    public String documentAt(String url) {
        URI u = URI.create(url);
        return documents.get(u.getRawAuthority() + u.getRawPath());
    }

    /** Answers WebFinger for {@code acct} ("user@host") with the actor id {@code id}. */
    public void webfinger(String acct, String id) {
        webfinger.put(acct, id);
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests received for {@code path} (any method). */
    public List<Received> requestsFor(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The activities of {@code type} POSTed to {@code path}, in arrival order. */
    public List<Received> posted(String path, String type) {
        return requestsFor(path).stream().filter(r -> r.method().equals("POST") && type.equals(r.json().path("type").asText()))
                .toList();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI u = x.getRequestURI();
            received.add(new Received(x.getRequestMethod(), u.getRawPath(), u.getRawQuery(),
                    Map.copyOf(x.getRequestHeaders()), body));
            if (x.getRequestMethod().equals("POST")) {
                x.sendResponseHeaders(202, -1);
                return;
            }
            String path = u.getRawPath();
            // the same port answers for several names (127.0.0.1:port, localhost:port): serve by Host
            Actor actor = path.startsWith("/users/") ? actors.get(x.getRequestHeaders().getFirst("Host") + "/" + path.substring(7)) : null;
            if (actor != null) {
                Map<String, Object> d = document(actor);
                d.putAll(extras.getOrDefault(actor.host() + "/" + actor.username(), Map.of()));
                send(x, 200, "application/activity+json", JSON.writeValueAsString(d));
                return;
            }
            String document = documents.get(x.getRequestHeaders().getFirst("Host") + path);
            if (document != null) {
                send(x, 200, "application/activity+json", document);
                return;
            }
            if (path.equals("/.well-known/webfinger") && u.getRawQuery() != null) {
                String resource = URLDecoder.decode(u.getRawQuery().replaceFirst("^.*resource=", "").replaceFirst("&.*$", ""),
                        StandardCharsets.UTF_8);
                String extra = resource.startsWith("acct:") ? webfinger.get(resource.substring(5)) : null;
                if (extra != null) {
                    send(x, 200, "application/jrd+json", JSON.writeValueAsString(Map.of("subject", resource,
                            "links", List.of(Map.of("rel", "self", "type", "application/activity+json", "href", extra)))));
                    return;
                }
                for (Actor a : actors.values()) {
                    if (resource.equals("acct:" + a.acct())) {
                        send(x, 200, "application/jrd+json", JSON.writeValueAsString(Map.of("subject", resource,
                                "links", List.of(Map.of("rel", "self", "type", "application/activity+json", "href", a.id())))));
                        return;
                    }
                }
            }
            send(x, 404, "application/json", "{\"error\":\"not found\"}");
        }
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
    }

    public static Map<String, Object> document(Actor a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@context", List.of("https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"));
        d.put("id", a.id());
        d.put("type", "Person");
        d.put("preferredUsername", a.username());
        d.put("name", a.username());
        d.put("inbox", a.id() + "/inbox");
        d.put("outbox", a.id() + "/outbox");
        d.put("followers", a.id() + "/followers");
        d.put("following", a.id() + "/following");
        d.put("publicKey", Map.of("id", a.keyId(), "owner", a.id(), "publicKeyPem", pem(a.keys())));
        return d;
    }

    public static String pem(KeyPair k) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(k.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- crafting requests --------------------------------------------------------------------

    /** A request ready to send (and to send again, byte for byte): method, URI, headers, body. */
    public record Signed(String method, URI uri, Map<String, String> headers, byte[] body) {
        /** The java.net.http request; the client sets Host itself, from the URI (the one that was signed). */
        public HttpRequest.Builder builder() {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri);
            headers.forEach((k, v) -> {
                if (!k.equalsIgnoreCase("host")) b.header(k, v);
            });
            return body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }

        public Signed withBody(byte[] other) {
            return new Signed(method, uri, headers, other);
        }

        public Signed withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            if (value != null) h.put(name, value);
            return new Signed(method, uri, h, body);
        }
    }

    public enum Scheme { CAVAGE, RFC9421 }

    /** A POST of {@code body} to {@code url}, signed with {@code key} under {@code keyId} at time {@code now}. */
    public static Signed post(String url, byte[] body, String keyId, PrivateKey key, Instant now, Scheme scheme) {
        return sign("POST", url, body, keyId, key, now, scheme);
    }

    public static Signed post(String url, String json, Actor signer) {
        return post(url, json.getBytes(StandardCharsets.UTF_8), signer.keyId(), signer.privateKey(), Instant.now(), Scheme.CAVAGE);
    }

    /** A GET signed as Mastodon signs its fetches (cavage, no digest). */
    public static Signed get(String url, String keyId, PrivateKey key) {
        return sign("GET", url, null, keyId, key, Instant.now(), Scheme.CAVAGE)
                .withHeader("Accept", "application/activity+json");
    }

    public static Signed unsignedPost(String url, byte[] body) {
        return new Signed("POST", URI.create(url), Map.of("Content-Type", "application/activity+json"), body);
    }

    public static Signed sign(String method, String url, byte[] body, String keyId, PrivateKey key, Instant now, Scheme scheme) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) headers.put("Content-Type", "application/activity+json");
        SignedRequest r = new SignedRequest(method, URI.create(url), headers, body);
        try {
            headers.putAll(scheme == Scheme.CAVAGE ? CavageSignatures.sign(r, keyId, key, now)
                    : Rfc9421Signatures.sign(r, keyId, key, now));
        } catch (SignatureException e) {
            throw new IllegalStateException(e);
        }
        return new Signed(method, URI.create(url), headers, body);
    }

    public static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
