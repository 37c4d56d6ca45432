package social.herd.kv.impl.local;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.kv.PubSub;

/**
 * In-JVM publish/subscribe: the listeners of one node, by channel. Used on its own without Redis and
 * as the local half of the Redis-backed implementation (which feeds it messages from Redis). Delivery
 * is synchronous on the publishing (or Redis) thread, which is why listeners must not block; a
 * listener that throws is logged and skipped, never allowed to stop delivery to the others.
 */
public final class LocalPubSub implements PubSub {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPubSub.class);

    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(String channel, String message) {
        deliver(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(message, "message"));
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> listener) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(listener, "listener");
        // A distinct wrapper per subscription, so subscribing the same listener twice gives two
        // independent handles and closing one leaves the other.
        Consumer<String> handle = listener::accept;
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handle);
        return new Subscription() {
            private volatile boolean closed;

            @Override
            public void close() {
                if (closed) return;
                closed = true;
                listeners.computeIfPresent(channel, (c, list) -> {
                    list.remove(handle);
                    return list.isEmpty() ? null : list;
                });
            }
        };
    }

    /** Hands {@code message} to every listener of {@code channel} on this node. */
    public void deliver(String channel, String message) {
        List<Consumer<String>> list = listeners.get(channel);
        if (list == null) return;
        for (Consumer<String> l : list) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("Listener on channel {} failed: {}", channel, e.toString());
            }
        }
    }

    /** True when some listener on this node is subscribed to {@code channel}. */
    public boolean hasListeners(String channel) {
        return listeners.containsKey(channel);
    }

    /** The channels with at least one listener on this node. */
    public java.util.Set<String> channels() {
        return java.util.Set.copyOf(listeners.keySet());
    }
}
