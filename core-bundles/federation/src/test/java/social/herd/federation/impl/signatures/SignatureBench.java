package social.herd.federation.impl.signatures;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints RSA-2048 raw sign/verify rates and full draft-cavage verification (parse, digest of a
 * 1 KB body, verify) with one and two threads. A benchmark, not a test: it asserts nothing.
 * Run: java -cp target/classes:target/test-classes social.herd.federation.impl.signatures.SignatureBench
 */
public final class SignatureBench {
    private static final Duration RUN = Duration.ofSeconds(3);

    public static void main(String[] args) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        byte[] data = new byte[256];

        byte[] sig = sign(kp, data);
        Instant now = Instant.now();
        SignedRequest body = new SignedRequest("POST", URI.create("https://remote.example/inbox"),
                Map.of("Content-Type", "application/activity+json"), new byte[1024]);
        SignedRequest signed = body.with(CavageSignatures.sign(body, "https://herd.example/actor#main-key", kp.getPrivate(), now));

        for (int threads : new int[] {1, 2}) {
            report("raw RSA-2048 sign", threads, () -> sign(kp, data));
            report("raw RSA-2048 verify", threads, () -> {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initVerify(kp.getPublic());
                s.update(data);
                return s.verify(sig);
            });
            // A verifier per call: the replay memory would refuse the same signature twice.
            report("cavage verify, 1 KB body", threads, () -> new HttpSignatureVerifier(
                    Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1), true).verify(signed, id -> kp.getPublic()));
        }
    }

    private static byte[] sign(KeyPair kp, byte[] data) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(kp.getPrivate());
        s.update(data);
        return s.sign();
    }

    private static void report(String name, int threads, Callable<?> op) throws Exception {
        for (int i = 0; i < 200; i++) op.call(); // warm-up
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + RUN.toNanos();
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    op.call();
                    n++;
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : counts) total += f.get();
        pool.shutdown();
        System.out.printf("%-28s %d thread(s): %,8.0f /s%n", name, threads, total / (double) RUN.toSeconds());
    }
}
