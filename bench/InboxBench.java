import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * bench/inbox.sh's load: a remote actor served from this JVM (RSA-2048), draft-cavage signed POSTs
 * of Like activities to Herd's shared inbox, each with its own id and signature (Herd refuses
 * replays). Requests are signed before the clock starts (signing is the sender's cost, not ours).
 * Prints the raw RSA-2048 verify rate on the same threads in this JVM, accepted (202) POSTs per
 * second after a warm-up, and the ratio.
 * Args: herd base URL, the liked status's uri, warm-up seconds, measured requests, concurrency.
 */
public final class InboxBench {

    static KeyPair keys;
    static String actor;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String object = args[1];
        int warmupSeconds = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        actor = "http://127.0.0.1:" + peer.getAddress().getPort() + "/users/bench";
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        String doc = "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",\"https://w3id.org/security/v1\"],"
                + "\"id\":\"" + actor + "\",\"type\":\"Person\",\"preferredUsername\":\"bench\",\"inbox\":\"" + actor
                + "/inbox\",\"followers\":\"" + actor + "/followers\",\"publicKey\":{\"id\":\"" + actor + "#main-key\","
                + "\"owner\":\"" + actor + "\",\"publicKeyPem\":" + quote(pem) + "}}";
        peer.createContext("/", ex -> {
            byte[] b = doc.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/activity+json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        peer.start();
        int threads = Runtime.getRuntime().availableProcessors();
        long verify = verifyRate(threads, 10);
        System.out.println("raw RSA-2048 verify rate on " + threads + " threads: " + verify + "/s");

        URI inbox = URI.create(base + "/inbox");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.println("signing " + count + " requests ...");
        List<HttpRequest> measured = sign(inbox, object, count, threads);
        // warm-up: fresh requests too, so the whole accept path (enqueue included) gets compiled
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long warmed = 0;
        while (System.nanoTime() < warmEnd) {
            List<HttpRequest> batch = sign(inbox, object, 2000, threads);
            warmed += fire(client, batch, concurrency)[0];
        }
        System.out.println("warm-up: " + warmed + " accepted");
        long t0 = System.nanoTime();
        long[] r = fire(client, measured, concurrency);
        double secs = (System.nanoTime() - t0) / 1e9;
        long rate = Math.round(r[0] / secs);
        System.out.printf("inbox: %d accepted, %d refused in %.1f s = %d/s%n", r[0], r[1], secs, rate);
        System.out.printf("ratio accepted/verify: %.2f (target >= 0.25)%n", (double) rate / verify);
        System.exit(0);
    }

    static long[] fire(HttpClient client, List<HttpRequest> requests, int concurrency) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        AtomicLong ok = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (HttpRequest req : requests) {
            slots.acquire();
            all.add(client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, e) -> {
                if (e == null && resp.statusCode() == 202) ok.incrementAndGet(); else bad.incrementAndGet();
                slots.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return new long[] {ok.get(), bad.get()};
    }

    static List<HttpRequest> sign(URI inbox, String object, int count, int threads) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String host = inbox.getAuthority();
        long salt = System.nanoTime();
        return IntStream.range(0, count).parallel().mapToObj(i -> {
            try {
                String body = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor + "#likes/" + salt + "-" + i
                        + "\",\"type\":\"Like\",\"actor\":\"" + actor + "\",\"object\":\"" + object + "\"}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                String digest = "SHA-256=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
                String signing = "(request-target): post " + inbox.getRawPath() + "\nhost: " + host + "\ndate: " + date
                        + "\ndigest: " + digest;
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(keys.getPrivate());
                s.update(signing.getBytes(StandardCharsets.UTF_8));
                String sig = "keyId=\"" + actor + "#main-key\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\","
                        + "signature=\"" + Base64.getEncoder().encodeToString(s.sign()) + "\"";
                return HttpRequest.newBuilder(inbox).header("Content-Type", "application/activity+json")
                        .header("Date", date).header("Digest", digest).header("Signature", sig)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }).toList();
    }

    static long verifyRate(int threads, int seconds) throws Exception {
        byte[] msg = "(request-target): post /inbox\nhost: example.com\ndate: x\ndigest: SHA-256=abc".getBytes();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(msg);
        byte[] sig = signer.sign();
        AtomicLong n = new AtomicLong();
        long warm = System.nanoTime() + 3_000_000_000L;
        long end = warm + seconds * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    Signature v = Signature.getInstance("SHA256withRSA");
                    while (System.nanoTime() < end) {
                        v.initVerify(keys.getPublic());
                        v.update(msg);
                        if (!v.verify(sig)) throw new IllegalStateException();
                        if (System.nanoTime() > warm) n.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) th.join();
        return n.get() / seconds;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
