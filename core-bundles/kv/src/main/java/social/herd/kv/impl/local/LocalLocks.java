package social.herd.kv.impl.local;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import social.herd.api.kv.ClusterLocks;

/**
 * Locks for a single node without Redis (the node is the whole cluster). A lease that runs out frees
 * the lock for the next taker even if the holder never closes it, exactly as a Redis lease would;
 * closing after expiry does not release someone else's lock.
 */
public final class LocalLocks implements ClusterLocks {

    /** One grant; identity matters, so a late close only removes its own grant. */
    private static final class Lease {
        final long expiresAtNanos;

        Lease(long expiresAtNanos) {
            this.expiresAtNanos = expiresAtNanos;
        }

        boolean expired(long now) {
            return expiresAtNanos - now <= 0;
        }
    }

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    @Override
    public Optional<Held> tryLock(String name, Duration lease) {
        Objects.requireNonNull(name, "name");
        long now = System.nanoTime();
        Lease mine = new Lease(now + Ttl.checked(lease).toNanos());
        Lease current = leases.compute(name, (n, existing) -> existing == null || existing.expired(now) ? mine : existing);
        if (current != mine) return Optional.empty();
        return Optional.of(() -> leases.remove(name, mine));
    }

    /** Drops expired leases (housekeeping; correctness does not depend on it). */
    public void sweep() {
        long now = System.nanoTime();
        leases.values().removeIf(l -> l.expired(now));
    }
}
