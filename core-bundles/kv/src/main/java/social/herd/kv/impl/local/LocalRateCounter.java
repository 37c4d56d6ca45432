package social.herd.kv.impl.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window hit counters on this node: alone without Redis, and as the per-node fallback while
 * Redis is away. Windows are identified by the caller (bucket key and window index), so the local and
 * the shared counters use the same window boundaries.
 */
public final class LocalRateCounter {

    private record Window(long index, long count, long resetAtMillis) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts one hit in window {@code index} of {@code key} and returns the hits counted in it so far. */
    public long increment(String key, long index, long resetAtMillis) {
        // A hit stamped with an older window than the stored one (a thread that read the clock just
        // before the boundary) counts against the newer window rather than resetting it.
        Window w = windows.merge(key, new Window(index, 1, resetAtMillis),
                (old, fresh) -> old.index >= index ? new Window(old.index, old.count + 1, old.resetAtMillis) : fresh);
        return w.count;
    }

    /** Forgets windows that ended before {@code nowMillis}. */
    public void sweep(long nowMillis) {
        windows.values().removeIf(w -> w.resetAtMillis <= nowMillis);
    }

    public int size() {
        return windows.size();
    }
}
