package social.herd.kv.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import social.herd.api.kv.Feeds;

/**
 * {@link Feeds} in this JVM with the semantics of {@link KvFeeds}, written with plain collections:
 * the reference the contract test holds the Redis implementation to. A test double only: feeds in
 * one JVM would miss other nodes' fan-outs. Bounded: beyond {@code maxFeeds} the least recently used
 * feed is dropped (its next read rebuilds it).
 */
final class LocalFeeds implements Feeds {

    private static final class Feed {
        final TreeMap<Long, Entry> entries = new TreeMap<>();
        final long claimedAt = System.nanoTime();
        boolean ready;
        /** Entries were dropped at the cap (or never loaded): older ones may exist elsewhere. */
        boolean truncated;

        void trim(int cap) {
            while (entries.size() > cap) {
                entries.pollFirstEntry();
                truncated = true;
            }
        }
    }

    private final LinkedHashMap<String, Feed> feeds;

    LocalFeeds(int maxFeeds) {
        this.feeds = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Feed> eldest) {
                return size() > maxFeeds;
            }
        };
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public synchronized int add(Collection<String> keys, Entry entry, int cap) {
        int added = 0;
        for (String key : keys) {
            Feed f = live(key);
            if (f != null && put(f, entry, cap)) added++;
        }
        return added;
    }

    private static boolean put(Feed f, Entry entry, int cap) {
        if (f.entries.containsKey(entry.id()) || KvFeeds.collapsed(f.entries.descendingMap().values(), entry)) return false;
        f.entries.put(entry.id(), entry);
        f.trim(cap);
        return true;
    }

    @Override
    public synchronized void remove(Collection<String> keys, Entry entry) {
        for (String key : keys) {
            Feed f = live(key);
            if (f != null) f.entries.remove(entry.id());
        }
    }

    @Override
    public synchronized Optional<Slice> range(String key, Long maxId, Long sinceId, Long minId, int limit) {
        Feed f = live(key);
        if (f == null || !f.ready) return Optional.empty();
        NavigableMap<Long, Entry> window = f.entries;
        if (maxId != null) window = window.headMap(maxId, false);
        Long lower = minId != null ? minId : sinceId;
        if (lower != null) window = window.tailMap(lower, false);
        List<Long> ids = new ArrayList<>();
        Iterator<Long> it = (minId != null ? window.navigableKeySet() : window.descendingKeySet()).iterator();
        while (it.hasNext() && ids.size() < limit) ids.add(it.next());
        return Optional.of(new Slice(ids, f.truncated, f.entries.isEmpty() ? 0 : f.entries.firstKey()));
    }

    @Override
    public synchronized boolean claim(String key) {
        if (live(key) != null) return false;
        feeds.put(key, new Feed());
        return true;
    }

    @Override
    public synchronized void complete(String key, List<Entry> entries, int cap) {
        Feed f = feeds.get(key);
        if (f == null || f.ready) return;
        for (Entry e : KvFeeds.collapse(entries)) f.entries.put(e.id(), e);
        // a rebuild that loaded as many as the cap may have left older ones in the database
        f.truncated = entries.size() >= cap;
        f.trim(cap);
        f.ready = true;
    }

    @Override
    public synchronized void delete(Collection<String> keys) {
        for (String key : keys) feeds.remove(key);
    }

    /** The feed, unless it is an abandoned claim. */
    private Feed live(String key) {
        Feed f = feeds.get(key);
        if (f != null && !f.ready && System.nanoTime() - f.claimedAt > KvFeeds.CLAIM_LEASE.toNanos()) {
            feeds.remove(key);
            return null;
        }
        return f;
    }
}
