package social.herd.kv.impl;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.kv.PubSub;
import social.herd.kv.impl.local.LocalPubSub;

/**
 * The {@link PubSub} service. Listeners always live in an in-process {@link LocalPubSub}. With Redis,
 * this node holds one Redis subscription per channel that has local listeners (Redis channel
 * {@value #PREFIX}{@code <channel>}) and feeds what arrives to them; publishing goes through Redis,
 * so the message comes back to this node's listeners the same way it reaches every other node.
 *
 * <p>While Redis is away a publish is delivered to this node's listeners only, and channels whose
 * Redis subscription is missing are subscribed again when Redis returns: every subscription is
 * renewed on recovery, so a restarted Redis (which forgot all subscriptions) is handled the same way.
 */
// Immediate: in-process state (entries, listeners, leases, counters) must survive consumers releasing
// and re-getting the service, which the JAX-RS whiteboard does on every application rebuild.
@Component(service = PubSub.class, immediate = true)
public final class KvPubSub implements PubSub {

    static final String PREFIX = "herd:ps:";
    private static final Logger LOG = LoggerFactory.getLogger(KvPubSub.class);

    private final RedisBackend redis;
    private final LocalPubSub local = new LocalPubSub();
    /** Channel -> Redisson listener id of this node's Redis subscription; guarded by {@code this}. */
    private final Map<String, Integer> redisListeners = new ConcurrentHashMap<>();
    private final Runnable recovery = this::resubscribeAll;

    @Activate
    public KvPubSub(@Reference RedisBackend redis) {
        this.redis = redis;
        if (redis.configured()) redis.onRecovery(recovery);
    }

    @Deactivate
    synchronized void deactivate() {
        redis.removeRecoveryListener(recovery);
        for (Map.Entry<String, Integer> e : redisListeners.entrySet()) {
            try {
                redis.call(c -> topic(c, e.getKey()).removeListenerAsync(e.getValue()));
            } catch (RedisUnavailableException ex) {
                break; // the client is shut down with the backend anyway
            }
        }
        redisListeners.clear();
    }

    @Override
    public void publish(String channel, String message) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        if (!redis.configured()) {
            local.deliver(channel, message);
            return;
        }
        try {
            redis.call(c -> topic(c, channel).publishAsync(message));
            // Listeners here whose Redis subscription is not in place yet would miss their own node's
            // message: hand it over directly (they cannot get it twice: there is no subscription).
            if (local.hasListeners(channel) && !redisListeners.containsKey(channel)) local.deliver(channel, message);
        } catch (RedisUnavailableException e) {
            local.deliver(channel, message);
        }
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> listener) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(listener, "listener");
        Subscription localSubscription = local.subscribe(channel, listener);
        if (redis.configured()) ensureRedisSubscription(channel);
        return () -> {
            localSubscription.close();
            if (redis.configured() && !local.hasListeners(channel)) dropRedisSubscription(channel);
        };
    }

    private synchronized void ensureRedisSubscription(String channel) {
        if (redisListeners.containsKey(channel) || !local.hasListeners(channel)) return;
        try {
            Integer id = redis.call(c -> topic(c, channel).addListenerAsync(String.class,
                    (ch, msg) -> local.deliver(channel, msg)));
            redisListeners.put(channel, id);
        } catch (RedisUnavailableException e) {
            // resubscribeAll() adds it when Redis is back; until then this node hears only itself
        }
    }

    private synchronized void dropRedisSubscription(String channel) {
        if (local.hasListeners(channel)) return; // someone subscribed again meanwhile
        Integer id = redisListeners.remove(channel);
        if (id == null) return;
        try {
            redis.call(c -> topic(c, channel).removeListenerAsync(id));
        } catch (RedisUnavailableException e) {
            // the orphaned Redisson listener delivers to no one; Redisson drops it with the client
            LOG.debug("Could not unsubscribe {} from Redis while it is away", channel);
        }
    }

    /** Recovery step: renew the Redis subscription of every channel that has listeners here. */
    private synchronized void resubscribeAll() {
        for (Map.Entry<String, Integer> e : Map.copyOf(redisListeners).entrySet()) {
            try {
                redis.call(c -> topic(c, e.getKey()).removeListenerAsync(e.getValue()));
            } catch (RedisUnavailableException ex) {
                return; // gone again: keep the ids so the next recovery removes them before re-adding
            }
            redisListeners.remove(e.getKey());
        }
        for (String channel : local.channels()) ensureRedisSubscription(channel);
        LOG.debug("Renewed Redis subscriptions for {} channels", redisListeners.size());
    }

    private RTopic topic(RedissonClient client, String channel) {
        return client.getTopic(PREFIX + channel, redis.codec());
    }
}
