package social.herd.kv.impl;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;
import social.herd.api.kv.Feeds;
import social.herd.api.kv.FeedsUnavailableException;

/**
 * The {@link Feeds} service: Redis sorted sets (key {@code herd:feed:<generation>:<feed>}), as
 * Mastodon keeps them, score and member the status id. Members are the id zero-padded to 19 digits,
 * so that ids whose scores round to the same double still sort right, followed by
 * {@code :<reblogged id>} for reblogs (what collapsing looks for). A marker member at score -1 tells
 * the feed's state: {@code ~b} being built, {@code ~r} ready and complete, {@code ~t} ready but
 * truncated at its cap. Each operation on one feed is one Lua script ({@link FeedScripts}), so
 * concurrent fan-outs and rebuilds never see a half-made change.
 *
 * <p>Unlike the other kv services there is no in-process fallback: a feed in one JVM would miss the
 * other nodes' fan-outs. Without Redis nothing is kept (writes do nothing, reads miss, the database
 * answers); while Redis is away, and until the {@link FeedGeneration generation} is known again after
 * it returns, every call throws {@link FeedsUnavailableException} at once.
 */
// Immediate: the generation must follow every outage, whether or not anyone holds the service then.
@Component(service = Feeds.class, immediate = true)
public final class KvFeeds implements Feeds {

    /** Keys are {@code herd:feed:<generation>:<feed>}. */
    static final String PREFIX = "herd:feed:";
    /** Feeds nobody read for this long expire, as Mastodon drops the feeds of inactive accounts. */
    static final Duration IDLE_TTL = Duration.ofDays(7);
    /** A claimed feed nobody completes is dropped after this long, so a dead builder blocks it no longer. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(1);
    /** How many feeds one pipelined batch reaches. */
    static final int BATCH = 500;
    /** Extra ids read around a bound: ids closer than ~32 share a double score. */
    static final int SCORE_SLACK = 32;
    private static final long BATCH_BOUND_MS = 5000;

    private final RedisBackend redis;
    /** Null without Redis: nothing is kept. */
    private final FeedGeneration generation;

    @Activate
    public KvFeeds(@Reference RedisBackend redis) {
        this(redis, FeedGeneration.LOSSY_OUTAGE_MS);
    }

    /** With another outage length after which feeds start afresh (tests). */
    KvFeeds(RedisBackend redis, long lossyOutageMs) {
        this.redis = redis;
        this.generation = redis.configured() ? new FeedGeneration(redis, lossyOutageMs) : null;
    }

    /** Public for tests of other bundles that run the kv services outside OSGi. */
    @Deactivate
    public void deactivate() {
        if (generation != null) generation.close();
    }

    @Override
    public boolean configured() {
        return generation != null;
    }

    @Override
    public boolean available() {
        return generation != null && redis.available() && generation.known();
    }

    @Override
    public int add(Collection<String> feeds, Entry entry, int cap) {
        if (generation == null) return 0;
        String member = member(entry);
        String original = entry.reblogOf() == 0 ? "" : pad(entry.reblogOf());
        String suffix = ":" + entry.reblogOf();
        int added = 0;
        for (List<String> chunk : chunks(feeds)) {
            List<?> results = batch(chunk, (b, key) -> evalSha(b, key, FeedScripts.ADD, Long.toString(entry.id()), member,
                    original, suffix, Integer.toString(cap), Integer.toString(COLLAPSE_WITHIN)));
            for (Object r : results) if (r instanceof Number n && n.longValue() == 1) added++;
        }
        return added;
    }

    @Override
    public void remove(Collection<String> feeds, Entry entry) {
        if (generation == null) return;
        String member = member(entry);
        for (List<String> chunk : chunks(feeds)) {
            batch(chunk, (b, key) -> b.getScoredSortedSet(key, redis.codec()).removeAsync(member));
        }
    }

    @Override
    public Optional<Slice> range(String feed, Long maxId, Long sinceId, Long minId, int limit) {
        if (generation == null) return Optional.empty();
        boolean ascending = minId != null;
        Long lower = ascending ? minId : sinceId;
        String max = maxId == null ? "+inf" : Long.toString(maxId);
        String min = lower == null ? "0" : Long.toString(lower);
        List<Object> reply = script(feed, FeedScripts.RANGE, RScript.ReturnType.MULTI, max, min,
                Integer.toString(limit + SCORE_SLACK), ascending ? "1" : "0", Long.toString(IDLE_TTL.toMillis()));
        if (reply == null || reply.isEmpty() || ((Number) reply.get(0)).longValue() < 0) return Optional.empty();
        boolean truncated = ((Number) reply.get(0)).longValue() == 1;
        String oldest = reply.get(1).toString();
        List<Long> ids = new ArrayList<>(limit);
        for (int i = 2; i < reply.size() && ids.size() < limit; i++) {
            long id = idOf(reply.get(i).toString());
            // scores are doubles: the bounds were inclusive and approximate, these checks are exact
            if (maxId != null && id >= maxId) continue;
            if (lower != null && id <= lower) continue;
            ids.add(id);
        }
        return Optional.of(new Slice(ids, truncated, oldest.isEmpty() ? 0 : idOf(oldest)));
    }

    @Override
    public boolean claim(String feed) {
        if (generation == null) return false;
        Long r = script(feed, FeedScripts.CLAIM, RScript.ReturnType.INTEGER, Long.toString(CLAIM_LEASE.toMillis()));
        return r != null && r == 1;
    }

    @Override
    public void complete(String feed, List<Entry> entries, int cap) {
        if (generation == null) return;
        List<Entry> kept = collapse(entries);
        List<Object> args = new ArrayList<>(3 + 2 * kept.size());
        args.add(Integer.toString(cap));
        args.add(entries.size() >= cap ? "1" : "0");
        args.add(Long.toString(IDLE_TTL.toMillis()));
        for (Entry e : kept) {
            args.add(Long.toString(e.id()));
            args.add(member(e));
        }
        script(feed, FeedScripts.COMPLETE, RScript.ReturnType.INTEGER, args.toArray());
    }

    @Override
    public void delete(Collection<String> feeds) {
        if (generation == null || feeds.isEmpty()) return;
        for (List<String> chunk : chunks(feeds)) {
            batch(chunk, (b, key) -> b.getKeys().unlinkAsync(key));
        }
    }

    /** The generation in use now (tests). */
    long generation() {
        return generation == null ? 0 : generation.current();
    }

    private String key(String feed) {
        if (!generation.known()) throw new FeedsUnavailableException("feed generation not known since Redis returned");
        return PREFIX + generation.current() + ":" + feed;
    }

    // ---- entries

    /** A reblog whose status, or another reblog of it, is among the newest entries is not added again. */
    static boolean collapsed(Iterable<Entry> newestFirst, Entry entry) {
        if (entry.reblogOf() == 0) return false;
        int seen = 0;
        for (Entry e : newestFirst) {
            if (seen++ >= COLLAPSE_WITHIN) break;
            if (e.id() == entry.reblogOf() || e.reblogOf() == entry.reblogOf()) return true;
        }
        return false;
    }

    /**
     * The entries a rebuilt feed keeps, oldest first: each reblog is checked against the entries
     * kept before it, as if they had been added one by one.
     */
    static List<Entry> collapse(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::id));
        Deque<Entry> recent = new ArrayDeque<>();
        List<Entry> kept = new ArrayList<>(sorted.size());
        for (Entry e : sorted) {
            if (collapsed(recent, e)) continue;
            kept.add(e);
            recent.addFirst(e);
            if (recent.size() > COLLAPSE_WITHIN) recent.removeLast();
        }
        return kept;
    }

    static String member(Entry e) {
        return e.reblogOf() == 0 ? pad(e.id()) : pad(e.id()) + ":" + e.reblogOf();
    }

    static long idOf(String member) {
        int colon = member.indexOf(':');
        return Long.parseLong(colon < 0 ? member : member.substring(0, colon));
    }

    private static String pad(long id) {
        String s = Long.toString(id);
        return s.length() >= 19 ? s : "0".repeat(19 - s.length()) + s;
    }

    // ---- Redis plumbing

    private interface Op {
        RFuture<?> apply(RBatch batch, String key);
    }

    /** One pipelined round trip for {@code feeds}. */
    private List<?> batch(List<String> feeds, Op op) {
        // keys first: a failure inside the operation would count as a Redis failure and trip the breaker
        List<String> keys = feeds.stream().map(this::key).toList();
        BatchResult<?> result = call(c -> {
            RBatch b = c.createBatch(BatchOptions.defaults().responseTimeout(BATCH_BOUND_MS, TimeUnit.MILLISECONDS));
            for (String key : keys) op.apply(b, key);
            return b.executeAsync();
        }, BATCH_BOUND_MS + 500);
        return result.getResponses();
    }

    private RFuture<Object> evalSha(RBatch b, String key, String script, Object... args) {
        return b.getScript(redis.codec()).evalShaAsync(key, RScript.Mode.READ_WRITE, FeedScripts.SHA.get(script),
                RScript.ReturnType.INTEGER, List.of(key), args);
    }

    private <T> T script(String feed, String script, RScript.ReturnType type, Object... args) {
        String key = key(feed);
        return call(c -> c.getScript(redis.codec()).<T>evalShaAsync(key, RScript.Mode.READ_WRITE, FeedScripts.SHA.get(script),
                type, List.of(key), args), 0);
    }

    /**
     * One bounded call through the breaker, in this contract's terms. A script missing from a
     * restarted Redis is an answer, not an outage: the scripts are loaded and the call made again.
     */
    private <T> T call(Function<RedissonClient, RFuture<T>> operation, long boundMs) {
        try {
            try {
                return redis.call(operation, boundMs);
            } catch (RedisNoScriptException e) {
                for (String s : FeedScripts.SHA.keySet()) redis.call(c -> c.getScript(redis.codec()).scriptLoadAsync(s));
                return redis.call(operation, boundMs);
            }
        } catch (RedisUnavailableException e) {
            throw new FeedsUnavailableException(e.getMessage());
        }
    }

    private static List<List<String>> chunks(Collection<String> feeds) {
        List<List<String>> out = new ArrayList<>();
        List<String> all = List.copyOf(feeds);
        for (int i = 0; i < all.size(); i += BATCH) out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        return out;
    }
}
