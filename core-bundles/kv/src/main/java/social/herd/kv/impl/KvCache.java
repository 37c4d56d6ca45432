package social.herd.kv.impl;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.kv.Cache;
import social.herd.kv.impl.local.LocalCache;
import social.herd.kv.impl.local.Ttl;

/**
 * The {@link Cache} service. Without Redis it is a bounded in-process map. With Redis every node
 * shares one cache (keys prefixed {@value #PREFIX}) and there is deliberately no local copy, so an
 * invalidation on one node is seen by all.
 *
 * <p>While Redis is away, reads miss and writes are dropped. A dropped put or delete would leave the
 * old Redis value behind once Redis returns, so such keys are remembered (up to
 * {@value #MAX_STALE} of them), read as misses, and deleted from Redis on recovery.
 */
// Immediate: in-process state (entries, listeners, leases, counters) must survive consumers releasing
// and re-getting the service, which the JAX-RS whiteboard does on every application rebuild.
@Component(service = Cache.class, immediate = true)
public final class KvCache implements Cache {

    static final String PREFIX = "herd:cache:";
    static final int LOCAL_MAX_ENTRIES = 10_000;
    static final int MAX_STALE = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(KvCache.class);

    private final RedisBackend redis;
    private final LocalCache local;
    private final Set<String> stale = ConcurrentHashMap.newKeySet();
    private final Runnable recovery = this::replayInvalidations;
    private final ScheduledFuture<?> sweeper;
    private volatile boolean staleOverflowReported;

    @Activate
    public KvCache(@Reference RedisBackend redis) {
        this.redis = redis;
        if (redis.configured()) {
            this.local = null;
            this.sweeper = null;
            redis.onRecovery(recovery);
        } else {
            this.local = new LocalCache(LOCAL_MAX_ENTRIES);
            this.sweeper = redis.scheduler().scheduleWithFixedDelay(local::sweep, 30, 30, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        redis.removeRecoveryListener(recovery);
        if (sweeper != null) sweeper.cancel(false);
    }

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        if (local != null) return local.get(key);
        if (!stale.isEmpty() && stale.contains(key)) return Optional.empty();
        try {
            return Optional.ofNullable(redis.call(c -> c.<String>getBucket(PREFIX + key, redis.codec()).getAsync()));
        } catch (RedisUnavailableException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Ttl.checked(ttl);
        if (local != null) {
            local.put(key, value, ttl);
            return;
        }
        try {
            redis.call(c -> c.<String>getBucket(PREFIX + key, redis.codec()).setAsync(value, ttl));
            stale.remove(key);
        } catch (RedisUnavailableException e) {
            markStale(key);
        }
    }

    @Override
    public void delete(String key) {
        Objects.requireNonNull(key, "key");
        if (local != null) {
            local.delete(key);
            return;
        }
        try {
            redis.call(c -> c.getBucket(PREFIX + key, redis.codec()).deleteAsync());
            stale.remove(key);
        } catch (RedisUnavailableException e) {
            markStale(key);
        }
    }

    private void markStale(String key) {
        if (stale.size() < MAX_STALE) {
            stale.add(key);
        } else if (!staleOverflowReported) {
            staleOverflowReported = true;
            LOG.warn("More than {} cache keys changed while Redis was away; some may be stale until they expire", MAX_STALE);
        }
    }

    /** Recovery step: delete from Redis every key whose update was lost during the outage. */
    private void replayInvalidations() {
        int replayed = 0;
        for (String key : Set.copyOf(stale)) {
            try {
                redis.call(c -> c.getBucket(PREFIX + key, redis.codec()).deleteAsync());
                stale.remove(key);
                replayed++;
            } catch (RedisUnavailableException e) {
                return; // Redis went away again; the rest stay marked for the next recovery
            }
        }
        staleOverflowReported = false;
        if (replayed > 0) LOG.info("Replayed {} cache invalidations lost while Redis was away", replayed);
    }
}
