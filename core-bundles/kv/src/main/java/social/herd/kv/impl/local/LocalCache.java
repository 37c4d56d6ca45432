package social.herd.kv.impl.local;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import social.herd.api.kv.Cache;

/**
 * In-process {@link Cache} for a single node without Redis: a concurrent map with per-entry expiry and
 * a size bound. Expired entries are invisible at once and removed by {@link #sweep()} (called
 * periodically by the owning component) or when the bound is reached; beyond the bound, entries
 * closest to expiry are evicted first, since they are the cheapest to lose.
 */
public final class LocalCache implements Cache {

    private record Entry(String value, long expiresAtNanos) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public LocalCache(int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive");
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        Entry e = entries.get(key);
        if (e == null) return Optional.empty();
        if (e.expiresAtNanos - System.nanoTime() <= 0) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.value);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long nanos = Ttl.checked(ttl).toNanos();
        if (entries.size() >= maxEntries && !entries.containsKey(key)) makeRoom();
        entries.put(key, new Entry(value, System.nanoTime() + nanos));
    }

    @Override
    public void delete(String key) {
        entries.remove(Objects.requireNonNull(key, "key"));
    }

    /** Number of entries held, including expired ones not yet swept. */
    public int size() {
        return entries.size();
    }

    /** Drops expired entries. */
    public void sweep() {
        long now = System.nanoTime();
        entries.values().removeIf(e -> e.expiresAtNanos - now <= 0);
    }

    private synchronized void makeRoom() {
        sweep();
        int excess = entries.size() - maxEntries + 1;
        if (excess <= 0) return;
        // Evict a tenth at once so that a full cache does not sort on every put.
        int evict = Math.max(excess, maxEntries / 10);
        entries.entrySet().stream()
                .sorted(Comparator.comparingLong(en -> en.getValue().expiresAtNanos))
                .limit(evict)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(entries::remove);
    }
}
