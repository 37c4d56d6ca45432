package social.herd.statuses.impl.feeds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.Codec;

/**
 * {@link Feeds} as Redis sorted sets (key {@code herd:feed:<generation>:<feed>}), as Mastodon keeps them:
 * score and member are the status id. Members are the id zero-padded to 19 digits, so that ids
 * whose scores round to the same double still sort right, followed by {@code :<reblogged id>} for
 * reblogs (what collapsing looks for). A marker member at score -1 tells the feed's state:
 * {@code ~b} being built, {@code ~r} ready and complete, {@code ~t} ready but truncated at its cap.
 * Each operation on one feed is one Lua script, so concurrent fan-outs and rebuilds never see a
 * half-made change.
 *
 * <p>Active only when Redis is configured (the {@code social.herd.redis} configuration). It talks to
 * Redis through {@link Calls}: here its own small {@link FeedConnection}, in the kv bundle later
 * that bundle's breaker-guarded client.
 */
@Component(service = Feeds.class, configurationPid = "social.herd.redis", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class RedisFeeds implements Feeds {

    /** Redis access with a circuit breaker: every call bounded, failing at once while Redis is down. */
    public interface Calls {
        boolean available();

        /** Runs one operation and waits at most {@code boundMs}; throws {@link FeedsUnavailableException}. */
        <T> T call(Function<RedissonClient, ? extends CompletionStage<T>> operation, long boundMs);

        /** The codec for plain UTF-8 strings, with classes loaded through the right bundle. */
        Codec codec();

        /**
         * Part of every key: bumped when Redis returns from an outage long enough for fan-outs to
         * have been lost, so that older feeds are no longer read and get rebuilt from PostgreSQL.
         */
        long generation();
    }

    /** Keys are {@code herd:feed:<generation>:<feed>}. */
    static final String PREFIX = "herd:feed:";
    /** Feeds nobody read for this long expire, as Mastodon drops the feeds of inactive accounts. */
    static final Duration IDLE_TTL = Duration.ofDays(7);
    /** How many feeds one pipelined batch reaches. */
    static final int BATCH = 500;
    /** Extra ids read around a bound: ids closer than ~32 share a double score. */
    static final int SCORE_SLACK = 32;
    private static final long READ_BOUND_MS = 500;
    private static final long BATCH_BOUND_MS = 5000;

    private final Calls redis;
    private final FeedConnection owned;

    /** From the {@code social.herd.redis} configuration, with a connection of its own. */
    @Activate
    public RedisFeeds(Map<String, Object> config) {
        this.owned = FeedConnection.from(config);
        this.redis = owned != null ? owned : OFF;
    }

    /** Redis configured in a way the feeds cannot use: never available, so timelines read PostgreSQL. */
    private static final Calls OFF = new Calls() {
        @Override public boolean available() { return false; }
        @Override public <T> T call(Function<RedissonClient, ? extends CompletionStage<T>> operation, long boundMs) {
            throw new FeedsUnavailableException("feeds not configured");
        }
        @Override public Codec codec() { return null; }
        @Override public long generation() { return 0; }
    };

    /** Over an existing connection (tests; the kv bundle later). */
    public RedisFeeds(Calls redis) {
        this.redis = redis;
        this.owned = null;
    }

    @Deactivate
    void deactivate() {
        if (owned != null) owned.close();
    }

    @Override
    public boolean available() {
        return redis.available();
    }

    /** Redis is configured in a way the feeds cannot use: writes are dropped, reads say "missing". */
    private boolean off() {
        return redis == OFF;
    }

    @Override
    public int add(Collection<String> feeds, Entry entry, int cap) {
        if (off()) return 0;
        String member = member(entry);
        String original = entry.reblogOf() == 0 ? "" : pad(entry.reblogOf());
        String suffix = ":" + entry.reblogOf();
        int added = 0;
        for (List<String> chunk : chunks(feeds)) {
            List<?> results = batch(chunk, (b, key) -> evalSha(b, key, FeedScripts.ADD, Long.toString(entry.id()), member, original,
                    suffix, Integer.toString(cap), Integer.toString(COLLAPSE_WITHIN)));
            for (Object r : results) if (r instanceof Number n && n.longValue() == 1) added++;
        }
        return added;
    }

    @Override
    public void remove(Collection<String> feeds, Entry entry) {
        if (off()) return;
        String member = member(entry);
        for (List<String> chunk : chunks(feeds)) {
            batch(chunk, (b, key) -> b.getScoredSortedSet(key, redis.codec()).removeAsync(member));
        }
    }

    @Override
    public Optional<Slice> range(String feed, Long maxId, Long sinceId, Long minId, int limit) {
        if (off()) return Optional.empty();
        boolean ascending = minId != null;
        Long lower = ascending ? minId : sinceId;
        String max = maxId == null ? "+inf" : Long.toString(maxId);
        String min = lower == null ? "0" : Long.toString(lower);
        List<Object> reply = script(feed, FeedScripts.RANGE, RScript.ReturnType.MULTI, READ_BOUND_MS, max, min,
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
        if (off()) return false;
        Long r = script(feed, FeedScripts.CLAIM, RScript.ReturnType.INTEGER, READ_BOUND_MS,
                Long.toString(LocalFeeds.CLAIM_LEASE.toMillis()));
        return r != null && r == 1;
    }

    @Override
    public void complete(String feed, List<Entry> entries, int cap) {
        if (off()) return;
        List<Entry> kept = LocalFeeds.collapse(entries);
        List<Object> args = new ArrayList<>(3 + 2 * kept.size());
        args.add(Integer.toString(cap));
        args.add(entries.size() >= cap ? "1" : "0");
        args.add(Long.toString(IDLE_TTL.toMillis()));
        for (Entry e : kept) {
            args.add(Long.toString(e.id()));
            args.add(member(e));
        }
        script(feed, FeedScripts.COMPLETE, RScript.ReturnType.INTEGER, BATCH_BOUND_MS, args.toArray());
    }

    @Override
    public void delete(Collection<String> feeds) {
        if (off() || feeds.isEmpty()) return;
        for (List<String> chunk : chunks(feeds)) {
            batch(chunk, (b, key) -> b.getKeys().unlinkAsync(key));
        }
    }

    private String key(String feed) {
        return PREFIX + redis.generation() + ":" + feed;
    }

    // ---- members

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

    /** One pipelined round trip for {@code keys}; a script missing from a restarted Redis is loaded and the batch retried. */
    private List<?> batch(List<String> feeds, Op op) {
        try {
            return runBatch(feeds, op);
        } catch (RuntimeException e) {
            if (!noScript(e)) throw e;
            loadScripts();
            return runBatch(feeds, op);
        }
    }

    private List<?> runBatch(List<String> feeds, Op op) {
        return redis.call(c -> {
            RBatch b = c.createBatch(BatchOptions.defaults().responseTimeout(BATCH_BOUND_MS, java.util.concurrent.TimeUnit.MILLISECONDS));
            for (String feed : feeds) op.apply(b, key(feed));
            return b.executeAsync().thenApply(r -> (List<?>) r.getResponses());
        }, BATCH_BOUND_MS + 500);
    }

    private RFuture<Object> evalSha(RBatch b, String key, String script, Object... args) {
        return b.getScript(redis.codec()).evalShaAsync(key, RScript.Mode.READ_WRITE, FeedScripts.SHA.get(script),
                RScript.ReturnType.INTEGER, List.of(key), args);
    }

    private <T> T script(String feed, String script, RScript.ReturnType type, long boundMs, Object... args) {
        String key = key(feed);
        Function<RedissonClient, ? extends CompletionStage<T>> op = c -> c.getScript(redis.codec())
                .evalShaAsync(key, RScript.Mode.READ_WRITE, FeedScripts.SHA.get(script), type, List.of(key), args);
        try {
            return redis.call(op, boundMs);
        } catch (RuntimeException e) {
            if (!noScript(e)) throw e;
            loadScripts();
            return redis.call(op, boundMs);
        }
    }

    private void loadScripts() {
        for (String script : FeedScripts.SHA.keySet()) redis.call(c -> c.getScript(redis.codec()).scriptLoadAsync(script), READ_BOUND_MS);
    }

    /** Redis answered, but without our script (it restarted): an error reply, not an outage. */
    private static boolean noScript(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) return true;
        }
        return false;
    }

    private static List<List<String>> chunks(Collection<String> feeds) {
        List<List<String>> out = new ArrayList<>();
        List<String> all = List.copyOf(feeds);
        for (int i = 0; i < all.size(); i += BATCH) out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        return out;
    }

}
