package social.herd.kv.impl;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds' key generation, part of every feed key: bumped when Redis returns from an outage long
 * enough for fan-outs to have been lost, so that every older feed is abandoned (it expires unread)
 * and rebuilt from PostgreSQL on its next read.
 *
 * <p>Why the length matters: a fan-out that fails while Redis is away is retried by the event bus,
 * but an outage longer than {@value #LOSSY_OUTAGE_MS} ms may outlast those retries, so some feeds
 * could silently lack posts. A shorter outage loses nothing that a retry does not bring back. The
 * first connection after start-up is no outage this node lived through and never bumps.
 *
 * <p>Every node reads the generation from {@value #KEY} once a second, so a bump by one node reaches
 * the others quickly. After an outage the generation counts as unknown until this node has read (or
 * bumped) it again: until then the feeds answer "unavailable" instead of using stale keys.
 */
final class FeedGeneration implements AutoCloseable {

    /** Holds the generation (absent: 0). */
    static final String KEY = "herd:feed:generation";
    /** An outage longer than this may have lost fan-outs: feeds start afresh when Redis returns. */
    static final long LOSSY_OUTAGE_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(FeedGeneration.class);

    private final RedisBackend redis;
    private final long lossyOutageMs;
    private final Runnable recovery = this::recover;
    private final ScheduledFuture<?> refresher;
    private volatile long current;
    private volatile boolean known;

    FeedGeneration(RedisBackend redis, long lossyOutageMs) {
        this.redis = redis;
        this.lossyOutageMs = lossyOutageMs;
        redis.onRecovery(recovery);
        // on the backend's own scheduler, as its probe and recovery listeners: one never overlaps the other
        this.refresher = redis.scheduler().scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
    }

    /** The generation last read; meaningful only while {@link #known()}. */
    long current() {
        return current;
    }

    /** True once the generation has been read since Redis last returned. */
    boolean known() {
        return known;
    }

    /**
     * Once a second: picks up another node's bump. Seeing Redis down marks the generation unknown,
     * so that after the outage nothing uses it before {@link #recover} has decided whether to bump.
     */
    private void refresh() {
        if (!redis.available()) {
            known = false;
            return;
        }
        try {
            current = read();
            known = true;
        } catch (RuntimeException e) {
            known = false; // the breaker has tripped; the recovery step reads it again
        }
    }

    /** Recovery step: reads the generation, and bumps it when the outage may have lost fan-outs. */
    private void recover() {
        Duration outage = redis.outage();
        try {
            long g = read();
            if (outage.toMillis() > lossyOutageMs) {
                g = redis.call(c -> c.getAtomicLong(KEY).incrementAndGetAsync());
                LOG.info("Redis back after {} s: home feeds start afresh (generation {}), rebuilt on their next read",
                        outage.toSeconds(), g);
            }
            current = g;
            known = true;
        } catch (RuntimeException e) {
            known = false; // gone again: the next recovery decides, with the outage counted from its start
        }
    }

    private long read() {
        String g = redis.call(c -> c.<String>getBucket(KEY, redis.codec()).getAsync());
        return g == null ? 0 : Long.parseLong(g.trim());
    }

    @Override
    public void close() {
        refresher.cancel(false);
        redis.removeRecoveryListener(recovery);
    }
}
