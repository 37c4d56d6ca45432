package social.herd.streaming.impl.hub;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import social.herd.api.auth.Principal;
import social.herd.streaming.impl.StreamingSettings;

/**
 * A connection whose transport is a list: frames read {@code event|stream label|payload}. With
 * {@link #stall()} its writer blocks in {@code send} like a client that stopped reading.
 */
public final class RecordingConnection extends Connection {

    public final List<String> frames = new CopyOnWriteArrayList<>();
    public final CountDownLatch ended = new CountDownLatch(1);
    public volatile CloseReason endReason;
    public volatile boolean aborted;
    private final CountDownLatch stalled = new CountDownLatch(1);
    private volatile boolean stall;

    public RecordingConnection(Principal principal, int maxEvents, long maxBytes) {
        super(principal, "127.0.0.1", StreamingSettings.defaults().withOutbox(maxEvents, maxBytes, 60_000, 60_000));
    }

    public RecordingConnection(Principal principal) {
        this(principal, 1000, 1 << 20);
    }

    /** From now on the writer blocks in its next send until {@link #abort()}. */
    public RecordingConnection stall() {
        stall = true;
        return this;
    }

    @Override public String transport() { return "test"; }

    @Override
    protected String frame(Subscription s, String event, String payload) {
        return event + "|" + String.join(",", s.spec().streamLabel()) + "|" + payload;
    }

    @Override protected void begin() { }

    @Override
    protected void send(String frame) throws java.io.IOException {
        if (stall) {
            try {
                stalled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.io.IOException("cut");
        }
        frames.add(frame);
    }

    @Override protected void heartbeat() { }

    @Override
    protected void end(CloseReason reason) {
        endReason = reason;
        ended.countDown();
    }

    @Override
    protected void abort() {
        aborted = true;
        stalled.countDown();
    }

    /** Waits until some frame starts with {@code prefix}; fails after five seconds. */
    public String await(String prefix) {
        awaitTrue("a frame starting " + prefix, () -> frames.stream().anyMatch(f -> f.startsWith(prefix)));
        return frames.stream().filter(f -> f.startsWith(prefix)).findFirst().orElseThrow();
    }

    public boolean awaitEnd() throws InterruptedException {
        return ended.await(5, TimeUnit.SECONDS);
    }

    public static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
