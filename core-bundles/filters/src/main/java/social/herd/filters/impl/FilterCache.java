package social.herd.filters.impl;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.kv.PubSub;
import social.herd.filters.impl.db.FilterMapper;

/**
 * Each account's compiled active filters, in this node's memory, so that matching a timeline costs
 * no SQL; an account without filters is cached too (as {@link CompiledFilters#NONE}).
 *
 * <p>Freshness: a change on this node drops the entry after its commit, so the next request sees
 * it at once. The change is announced on {@link PubSub} channel {@value #CHANNEL} (the account id)
 * so other nodes drop theirs; PubSub is best effort, so entries also expire after {@link #TTL}: a
 * change made on another node while Redis is away shows there within that time.
 */
// Immediate: the entries must outlive the whiteboard releasing and re-getting the resources.
@Component(service = FilterCache.class, immediate = true)
public final class FilterCache {

    static final String CHANNEL = "herd.filters.changed";
    static final Duration TTL = Duration.ofSeconds(30);

    /** Bounds memory; past it the map is emptied (rare: entries are small and mostly NONE). */
    static final int MAX_ENTRIES = 200_000;

    private static final Logger LOG = LoggerFactory.getLogger(FilterCache.class);

    private record Entry(CompiledFilters filters, long loadedAt) {}

    private final Database db;
    private final Clock clock;
    private final long ttlNanos;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so that a load racing a change is not kept (see {@link #get}). */
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong loads = new AtomicLong();
    private volatile PubSub pubSub;
    private volatile PubSub.Subscription subscription;

    @Activate
    public FilterCache(@Reference Database db,
                       @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.filters)") SchemaReady schema) {
        this(db, Clock.systemUTC(), TTL);
    }

    /** For tests and embedding. */
    public FilterCache(Database db, Clock clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
    }

    /** The account's filters unexpired at load time; loaded from the database at most once per TTL. */
    CompiledFilters get(long accountId) {
        long now = System.nanoTime();
        Entry e = entries.get(accountId);
        if (e != null && now - e.loadedAt() < ttlNanos) return e.filters();
        long before = generation.get();
        CompiledFilters loaded = load(accountId);
        Entry fresh = new Entry(loaded, now);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
            LOG.debug("filter cache emptied entries={}", MAX_ENTRIES);
        }
        entries.put(accountId, fresh);
        // A change committed while we loaded may have been invalidated before our put: then what we
        // loaded can be the old state, so it is not kept (this request still answers with it).
        if (generation.get() != before) entries.remove(accountId, fresh);
        return loaded;
    }

    private CompiledFilters load(long accountId) {
        loads.incrementAndGet();
        List<FilterEntities.Filter> filters = db.read(tx -> tx.mapper(FilterMapper.class)
                .byAccount(accountId, clock.instant()).stream().map(FilterEntities::filter).toList());
        return CompiledFilters.of(filters);
    }

    /** Drops the account's entry; {@code announce} tells the other nodes to drop theirs. */
    void invalidate(long accountId, boolean announce) {
        generation.incrementAndGet();
        entries.remove(accountId);
        if (announce) publish(accountId);
    }

    /** Database loads so far: for tests and diagnostics. */
    long loads() {
        return loads.get();
    }

    private void publish(long accountId) {
        PubSub p = pubSub;
        if (p == null) return;
        try {
            p.publish(CHANNEL, Long.toString(accountId));
        } catch (RuntimeException e) {
            LOG.warn("filter change not announced to other nodes account_id={} error={}", accountId, e.toString());
        }
    }

    /** A change announced by any node (this one included: dropping twice is harmless). */
    void onMessage(String message) {
        try {
            invalidate(Long.parseLong(message.strip()), false);
        } catch (NumberFormatException e) {
            LOG.debug("ignoring malformed filter change message");
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPubSub")
    void bindPubSub(PubSub p) {
        PubSub.Subscription old = subscription;
        subscription = p.subscribe(CHANNEL, this::onMessage);
        pubSub = p;
        if (old != null) old.close();
    }

    void unbindPubSub(PubSub p) {
        if (pubSub != p) return;
        pubSub = null;
        PubSub.Subscription s = subscription;
        subscription = null;
        if (s != null) s.close();
    }

    @Deactivate
    void deactivate() {
        unbindPubSub(pubSub);
        entries.clear();
    }
}
