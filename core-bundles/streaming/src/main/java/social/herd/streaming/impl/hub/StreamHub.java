package social.herd.streaming.impl.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.kv.PubSub;
import social.herd.api.metrics.Metrics;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.timelines.TimelineEntities;
import social.herd.streaming.impl.StreamMessage;
import social.herd.streaming.impl.StreamingSettings;

/**
 * The open streams of this node. Listens on pub/sub channel {@value StreamMessage#CHANNEL}; for each
 * message, finds the local subscriptions of its routing keys, and hands each viewer's share to that
 * viewer's dispatch lane, which renders the payload once per viewer and filter context and queues a
 * frame on each of the viewer's subscriptions. Nothing here blocks the pub/sub thread.
 */
public final class StreamHub implements AutoCloseable {

    /** Streams one WebSocket may hold; Mastodon sets no limit, but each one costs memory on every message. */
    public static final int MAX_SUBSCRIPTIONS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

    private final StreamingSettings settings;
    private final Renderer renderer;
    private final Limits limits;
    private final StreamingMetrics metrics;
    private final Lanes lanes;
    private final ExecutorService writers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("herd-streaming-writer-", 0).factory());
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<Subscription>> byKey = new ConcurrentHashMap<>();
    private final PubSub.Subscription channel;

    /** @param timelines the timelines bundle's renderer of notifications and conversations; may supply null */
    public StreamHub(StreamingSettings settings, PubSub pubSub, StatusDirectory statuses, SocialGraph graph,
                     Supplier<TimelineEntities> timelines, Metrics metrics) {
        this.settings = settings;
        this.renderer = new Renderer(statuses, graph, timelines, settings.hiddenCacheMillis());
        this.limits = new Limits(settings.maxPerAccount(), settings.maxPerAddress());
        this.metrics = new StreamingMetrics(metrics, connections::size, limits::accounts);
        this.lanes = new Lanes(settings.dispatchThreads(), settings.dispatchBacklog());
        this.channel = pubSub.subscribe(StreamMessage.CHANNEL, this::onMessage);
    }

    public StreamingSettings settings() {
        return settings;
    }

    /** True when this account may open one more stream from this address (checked before a WebSocket upgrade). */
    public boolean allows(long accountId, String address) {
        return limits.allows(accountId, address);
    }

    /**
     * Accepts a new connection and starts its writer.
     *
     * @throws StreamException 429 when the account or address has too many open streams
     */
    public void attach(Connection c) throws StreamException {
        if (!limits.acquire(c.viewerId(), c.address())) {
            metrics.refused("limit");
            throw new StreamException(429, "Too many streaming connections");
        }
        connections.add(c);
        metrics.opened(c.transport());
        LOG.debug("stream opened account_id={} transport={}", c.viewerId(), c.transport());
        c.attached(this, writers);
    }

    /**
     * Adds a stream to a connection; false when the connection already has it (or is closed).
     *
     * @throws StreamException 429 when the connection holds {@value #MAX_SUBSCRIPTIONS} streams already
     */
    public boolean subscribe(Connection c, StreamSpec spec) throws StreamException {
        if (c.isClosed() || c.hasSubscription(spec)) return false;
        if (c.subscriptions().size() >= MAX_SUBSCRIPTIONS) throw new StreamException(429, "Too many subscriptions");
        Subscription s = c.addSubscription(spec);
        if (s == null) return false;
        for (String key : spec.keys()) byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(s);
        if (c.isClosed()) remove(s); // closed meanwhile: detach may have run before the keys were added
        return true;
    }

    public void unsubscribe(Connection c, StreamSpec spec) {
        Subscription s = c.removeSubscription(spec);
        if (s != null) remove(s);
    }

    /** Counts a refusal before a connection existed (bad token, scopes, unknown stream). */
    public void refused(String reason) {
        metrics.refused(reason);
    }

    /** Called by {@link Connection#close}: forgets the connection and frees its slot. */
    void detach(Connection c, CloseReason reason) {
        for (Subscription s : c.subscriptions()) remove(s);
        if (connections.remove(c)) {
            limits.release(c.viewerId(), c.address());
            metrics.closed(reason);
            if (limits.count(c.viewerId()) == 0) renderer.forget(c.viewerId());
            LOG.debug("stream closed account_id={} transport={} reason={}", c.viewerId(), c.transport(), reason.label());
        }
    }

    private void remove(Subscription s) {
        for (String key : s.spec().keys()) {
            byKey.computeIfPresent(key, (k, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Open connections of {@code accountId} on this node. */
    public int openFor(long accountId) {
        return limits.count(accountId);
    }

    /** Open connections on this node. */
    public int size() {
        return connections.size();
    }

    /** The pub/sub listener: cheap routing on the pub/sub thread, rendering on the lanes. */
    void onMessage(String json) {
        StreamMessage m = StreamMessage.parse(json);
        if (m == null) {
            LOG.debug("stream message ignored: not understood");
            return;
        }
        Map<Long, Set<Subscription>> byViewer = new HashMap<>();
        for (String key : m.to()) {
            Set<Subscription> subs = byKey.get(key);
            if (subs == null) continue;
            for (Subscription s : subs) byViewer.computeIfAbsent(s.viewerId(), v -> new LinkedHashSet<>()).add(s);
        }
        byViewer.forEach((viewer, subs) -> {
            List<Subscription> batch = new ArrayList<>(subs);
            if (!lanes.submit(viewer, () -> deliver(viewer, m, batch))) metrics.dropped("dispatch_full");
        });
    }

    private void deliver(long viewer, StreamMessage m, List<Subscription> subs) {
        Map<String, Optional<String>> rendered = new HashMap<>();
        for (Subscription s : subs) {
            if (s.connection().isClosed()) continue;
            if (m.carriesStatus() && s.spec().onlyMedia() && !m.media()) continue;
            Optional<String> payload;
            try {
                payload = rendered.computeIfAbsent(s.spec().filterContext(), ctx -> renderer.payload(viewer, m, ctx));
            } catch (RuntimeException e) {
                // e.g. the database is away: this event is lost for this viewer, the stream stays open
                LOG.warn("stream event not rendered event={} id={} account_id={} error={}", m.event(), m.id(), viewer, e.toString());
                return;
            }
            if (payload.isPresent() && s.connection().deliver(s, m.event(), payload.get())) metrics.delivered(m.event());
        }
    }

    /** Closes every connection (clients reconnect elsewhere or later) and stops listening. */
    @Override
    public void close() {
        channel.close();
        for (Connection c : List.copyOf(connections)) c.close(CloseReason.SHUTDOWN);
        lanes.shutdown();
        writers.shutdown();
    }
}
