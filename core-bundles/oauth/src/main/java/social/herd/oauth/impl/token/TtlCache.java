package social.herd.oauth.impl.token;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A small in-memory cache whose entries expire after a fixed time and whose size is bounded.
 * When full it first drops expired entries and, if that is not enough, everything: losing the
 * cache only costs a database read per token, and a hard bound keeps a flood of distinct tokens
 * from growing the heap.
 */
final class TtlCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxSize;

    TtlCache(Duration ttl, int maxSize) {
        this.ttlNanos = ttl.toNanos();
        this.maxSize = maxSize;
    }

    /** The live value for {@code key}, or {@code null}. */
    V get(K key) {
        Entry<V> e = entries.get(key);
        if (e == null) return null;
        if (System.nanoTime() - e.expiresAt() >= 0) {
            entries.remove(key, e);
            return null;
        }
        return e.value();
    }

    void put(K key, V value) {
        if (ttlNanos <= 0) return;
        if (entries.size() >= maxSize) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> now - e.expiresAt() >= 0);
            if (entries.size() >= maxSize) entries.clear();
        }
        entries.put(key, new Entry<>(value, System.nanoTime() + ttlNanos));
    }

    void remove(K key) {
        entries.remove(key);
    }

    /** Drops every entry whose value matches. */
    void removeValues(Predicate<V> matching) {
        entries.values().removeIf(e -> matching.test(e.value()));
    }

    int size() {
        return entries.size();
    }
}
