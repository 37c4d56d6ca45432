import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peers for bench/delivery.sh: {@code hosts} HTTP servers on loopback, each a remote server with a
 * shared inbox that counts POSTs (202, body read and dropped). Also measures the raw RSA-2048 sign
 * rate on {@code threads} threads in this JVM, for the ratio. Commands on stdin: "ports" prints the
 * ports; "count" prints deliveries received so far; "sign <seconds>" prints signatures/s.
 */
public final class DeliveryBench {
    public static void main(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        AtomicLong received = new AtomicLong();
        var pool = Executors.newFixedThreadPool(8);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            s.createContext("/", ex -> {
                ex.getRequestBody().readAllBytes();
                if (ex.getRequestMethod().equals("POST")) received.incrementAndGet();
                ex.sendResponseHeaders(202, -1);
                ex.close();
            });
            s.setExecutor(pool);
            s.start();
            ports.add(s.getAddress().getPort());
        }
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            String[] c = line.trim().split(" ");
            switch (c[0]) {
                case "ports" -> System.out.println(String.join(" ", ports.stream().map(String::valueOf).toList()));
                case "count" -> System.out.println(received.get());
                case "sign" -> System.out.println(signRate(Integer.parseInt(c[1]), Integer.parseInt(c[2])));
                default -> System.out.println("?");
            }
            System.out.flush();
        }
        System.exit(0);
    }

    /** RSA-2048 PKCS#1 v1.5 SHA-256 signatures per second on {@code threads} threads (after a warm-up). */
    static long signRate(int threads, int seconds) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        byte[] msg = "(request-target): post /inbox\nhost: example.com\ndate: Sun, 22 Nov 2026 06:00:00 GMT\ndigest: SHA-256=abc".getBytes();
        AtomicLong n = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        long warm = System.nanoTime() + 3_000_000_000L;
        long end = warm + seconds * 1_000_000_000L;
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    Signature s = Signature.getInstance("SHA256withRSA");
                    while (System.nanoTime() < end) {
                        s.initSign(kp.getPrivate());
                        s.update(msg);
                        s.sign();
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
}
