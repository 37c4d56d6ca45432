package social.herd.kv.impl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.redisson.api.RScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.kv.ClusterLocks;
import social.herd.kv.impl.local.LocalLocks;
import social.herd.kv.impl.local.Ttl;

/**
 * The {@link ClusterLocks} service. Without Redis the node is the whole cluster and locks are
 * in-process ({@link LocalLocks}). With Redis a lock is the key {@value #PREFIX}{@code <name>} set
 * with {@code SET NX PX lease} to a random token; release deletes it only if it still holds that
 * token, so a holder whose lease ran out cannot free the next holder's lock.
 *
 * <p>While Redis is configured but unreachable, {@code tryLock} answers empty ("not acquired"), as
 * the contract allows. A local lock would let every node believe it holds the cluster-wide lock;
 * skipping the guarded work for a moment is the safe side (the work is retried or rescheduled by its
 * caller, and nothing relies on Redis as the only copy).
 */
// Immediate: in-process state (entries, listeners, leases, counters) must survive consumers releasing
// and re-getting the service, which the JAX-RS whiteboard does on every application rebuild.
@Component(service = ClusterLocks.class, immediate = true)
public final class KvClusterLocks implements ClusterLocks {

    static final String PREFIX = "herd:lock:";
    private static final Logger LOG = LoggerFactory.getLogger(KvClusterLocks.class);
    private static final String ACQUIRE =
            "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 else return 0 end";
    private static final String RELEASE =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final RedisBackend redis;
    private final LocalLocks local;
    private final ScheduledFuture<?> sweeper;

    @Activate
    public KvClusterLocks(@Reference RedisBackend redis) {
        this.redis = redis;
        if (redis.configured()) {
            this.local = null;
            this.sweeper = null;
        } else {
            this.local = new LocalLocks();
            this.sweeper = redis.scheduler().scheduleWithFixedDelay(local::sweep, 60, 60, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        if (sweeper != null) sweeper.cancel(false);
    }

    @Override
    public Optional<Held> tryLock(String name, Duration lease) {
        Objects.requireNonNull(name, "name");
        long leaseMs = Ttl.checked(lease).toMillis();
        if (local != null) return local.tryLock(name, lease);
        String key = PREFIX + name;
        String token = UUID.randomUUID().toString();
        Long acquired;
        try {
            acquired = redis.call(c -> c.getScript(redis.codec()).<Long>evalAsync(RScript.Mode.READ_WRITE, ACQUIRE,
                    RScript.ReturnType.INTEGER, List.of(key), token, String.valueOf(leaseMs)));
        } catch (RedisUnavailableException e) {
            return Optional.empty();
        }
        if (acquired == null || acquired != 1L) return Optional.empty();
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (!released.compareAndSet(false, true)) return;
            try {
                redis.call(c -> c.getScript(redis.codec()).<Long>evalAsync(RScript.Mode.READ_WRITE, RELEASE,
                        RScript.ReturnType.INTEGER, List.of(key), token));
            } catch (RedisUnavailableException e) {
                // the lease bounds how long the lock outlives us
                LOG.debug("Could not release lock {} while Redis is away; it expires with its lease", name);
            }
        });
    }
}
