package social.herd.streaming.impl.hub;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.auth.Principal;
import social.herd.streaming.impl.StreamingSettings;

/**
 * One open stream connection (an SSE response or a WebSocket) and its bounded outbox. Lanes of the
 * hub put rendered frames in; the connection's own writer (a virtual thread) takes them out and
 * writes with blocking I/O, and sends a heartbeat whenever it has been idle for the heartbeat
 * interval. A client that does not keep up is disconnected rather than buffered without bound: when
 * the outbox would exceed its event or byte budget the connection is closed and counted as slow.
 */
public abstract class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** Wakes the writer to end; compared by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String END = new String("end");

    private final Principal principal;
    private final long viewerId;
    private final String address;
    private final ArrayBlockingQueue<String> outbox;
    private final AtomicLong queuedChars = new AtomicLong();
    private final long maxChars;
    private final long heartbeatNanos;
    private final long revalidateNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile StreamHub hub;
    private volatile CloseReason reason;

    /** @param settings outbox limits ({@code queue_max_*}), heartbeat and token revalidation intervals */
    protected Connection(Principal principal, String address, StreamingSettings settings) {
        this.principal = principal;
        this.viewerId = principal.accountId().orElseThrow();
        this.address = address;
        this.outbox = new ArrayBlockingQueue<>(Math.max(1, settings.queueMaxEvents()) + 1); // +1: room for END
        this.maxChars = settings.queueMaxBytes();
        this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis());
        this.revalidateNanos = TimeUnit.MILLISECONDS.toNanos(settings.revalidateMillis());
    }

    /** {@code sse} or {@code websocket}: the label of the connection metrics. */
    public abstract String transport();

    /** The frame for one event on one subscription, in this transport's wire format. */
    protected abstract String frame(Subscription subscription, String event, String payload);

    /** Writer thread, once before anything else: headers and preamble. */
    protected abstract void begin() throws IOException;

    /** Writer thread: writes one frame, blocking until the transport took it. */
    protected abstract void send(String frame) throws IOException;

    /** Writer thread: keeps the connection alive, and may close a client that stopped answering. */
    protected abstract void heartbeat() throws IOException;

    /** Writer thread, last: ends the response or closes the socket in an orderly way. */
    protected abstract void end(CloseReason reason);

    /** Any thread: cuts the connection at once, also while the writer is blocked in a write. */
    protected abstract void abort();

    /** Writer thread, every {@code revalidate_seconds}: false ends the stream (token revoked, user suspended). */
    protected boolean stillAuthorized() {
        return true;
    }

    public final Principal principal() {
        return principal;
    }

    public final long viewerId() {
        return viewerId;
    }

    public final String address() {
        return address;
    }

    public final boolean isClosed() {
        return closed.get();
    }

    final Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }

    final boolean hasSubscription(StreamSpec spec) {
        return subscriptions.containsKey(spec.identity());
    }

    final Subscription addSubscription(StreamSpec spec) {
        Subscription s = new Subscription(this, spec);
        return subscriptions.putIfAbsent(spec.identity(), s) == null ? s : null;
    }

    final Subscription removeSubscription(StreamSpec spec) {
        return subscriptions.remove(spec.identity());
    }

    /** Called by the hub when it accepted this connection; starts the writer. */
    final void attached(StreamHub owner, Executor writers) {
        this.hub = owner;
        writers.execute(this::writeLoop);
    }

    /** Formats and queues one event; closes the connection when its outbox is full. */
    final boolean deliver(Subscription subscription, String event, String payload) {
        return offer(frame(subscription, event, payload));
    }

    /** Queues a frame of this transport (e.g. an error message on a WebSocket). */
    protected final boolean offer(String frame) {
        if (closed.get()) return false;
        long size = frame.length();
        if (queuedChars.addAndGet(size) > maxChars || !outbox.offer(frame)) {
            queuedChars.addAndGet(-size);
            LOG.debug("stream closed: outbox full account_id={} transport={} queued={}", viewerId, transport(), outbox.size());
            close(CloseReason.SLOW_CLIENT);
            return false;
        }
        return true;
    }

    /** Ends the connection (idempotent): detaches it from the hub and wakes or cuts the writer. */
    public final void close(CloseReason why) {
        if (!closed.compareAndSet(false, true)) return;
        reason = why;
        StreamHub h = hub;
        if (h != null) h.detach(this, why);
        outbox.clear();
        queuedChars.set(0);
        outbox.offer(END);
        // A slow client's writer is likely blocked in a write: only cutting the socket frees it now.
        if (why == CloseReason.SLOW_CLIENT) abort();
    }

    private void writeLoop() {
        CloseReason why = CloseReason.CLIENT;
        try {
            begin();
            long nextBeat = System.nanoTime() + heartbeatNanos;
            long nextCheck = System.nanoTime() + revalidateNanos;
            while (!closed.get()) {
                long wait = nextBeat - System.nanoTime();
                String frame = wait > 0 ? outbox.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (frame == END || closed.get()) break;
                if (frame != null) {
                    queuedChars.addAndGet(-frame.length());
                    send(frame);
                }
                if (System.nanoTime() - nextBeat >= 0) {
                    heartbeat();
                    nextBeat = System.nanoTime() + heartbeatNanos;
                }
                if (System.nanoTime() - nextCheck >= 0) {
                    nextCheck = System.nanoTime() + revalidateNanos;
                    if (!stillAuthorized()) {
                        why = CloseReason.REVOKED;
                        break;
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("stream write failed account_id={} transport={} error={}", viewerId, transport(), e.toString());
        } catch (InterruptedException e) {
            why = CloseReason.SHUTDOWN;
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            why = CloseReason.ERROR;
            LOG.warn("stream writer failed account_id={} transport={} error={}", viewerId, transport(), e.toString());
        } finally {
            close(why);
            end(reason);
        }
    }
}
