package social.herd.api.kv;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Capped feeds of status ids, newest first, kept outside PostgreSQL (Redis sorted sets), as
 * Mastodon keeps home and list feeds. A feed is named by its caller (e.g. {@code home:<account>}).
 *
 * <p>A feed is a cache, never the only copy: it may be missing at any time (never built, evicted,
 * idle for a week, lost with Redis, abandoned after an outage long enough for additions to have been
 * lost), and then the caller reads from the database and may rebuild it ({@link #claim} and
 * {@link #complete}). Additions go only to feeds that exist, so a missing feed is never mistaken for
 * an empty one.
 *
 * <p>Every operation is bounded in time. While the store is configured but unreachable, operations
 * throw {@link FeedsUnavailableException} at once (circuit breaker) instead of making callers wait:
 * readers fall back to the database, writers retry later. When no store is configured at all
 * ({@link #configured()} false) nothing is ever kept: writes do nothing, reads answer "missing" and
 * {@link #available()} is false.
 */
@ProviderType
public interface Feeds {

    /**
     * Reblogs of a status already among this many newest entries of a feed are not added again
     * (Mastodon's {@code REBLOG_FALLOFF}).
     */
    int COLLAPSE_WITHIN = 40;

    /**
     * One entry.
     *
     * @param id       the status id, also the sort key
     * @param reblogOf the reblogged status for a reblog, 0 otherwise: a reblog of a status that is
     *                 (or whose other reblog is) among the newest {@link #COLLAPSE_WITHIN} entries
     *                 is not added
     */
    record Entry(long id, long reblogOf) {
        /** An entry from nullable columns: {@code reblogOf} null for an original post. */
        public static Entry of(long id, Long reblogOf) {
            return new Entry(id, reblogOf == null ? 0 : reblogOf);
        }
    }

    /**
     * Ids read from a feed.
     *
     * @param ids       newest first, or oldest first when read from {@code min_id}
     * @param truncated the feed dropped entries at its cap (or a rebuild loaded as many as the cap),
     *                  so entries older than {@code oldest} may exist that it does not hold; false:
     *                  the feed holds everything there is
     * @param oldest    the oldest id the feed holds (0 when empty)
     */
    record Slice(List<Long> ids, boolean truncated, long oldest) {}

    /**
     * True when this node keeps feeds at all (a store is configured), whether or not it is reachable
     * right now. False: writes do nothing and reads miss, so a writer may skip working out where an
     * entry would go.
     */
    boolean configured();

    /** True when feeds can be used right now (configured and reachable). */
    boolean available();

    /**
     * Adds {@code entry} to each of {@code feeds} that exists, trimming each to its {@code cap}
     * newest entries; missing feeds stay missing. Pipelined: one round trip per few hundred feeds.
     * Idempotent: adding the same entry again changes nothing.
     *
     * @return how many feeds took the entry
     * @throws FeedsUnavailableException when the store is configured but cannot be reached
     */
    int add(Collection<String> feeds, Entry entry, int cap);

    /**
     * Removes {@code entry} from each of {@code feeds} (pipelined); absent entries are fine.
     *
     * @throws FeedsUnavailableException when the store is configured but cannot be reached
     */
    void remove(Collection<String> feeds, Entry entry);

    /**
     * A page of ids with Mastodon's paging: older than {@code maxId}, newer than {@code sinceId},
     * or the ones just above {@code minId} (then oldest first); at most {@code limit}. Reading a feed
     * keeps it alive.
     *
     * @return empty when the feed is missing or still being built: read the database instead
     * @throws FeedsUnavailableException when the store is configured but cannot be reached
     */
    Optional<Slice> range(String feed, Long maxId, Long sinceId, Long minId, int limit);

    /**
     * Claims a missing feed for rebuilding: from now on {@link #add} also reaches it, but
     * {@link #range} answers empty until {@link #complete}. A claim lapses after a minute, so a
     * builder that dies does not block the feed for good.
     *
     * @return false when the feed exists, someone else is building it, or no store is configured
     * @throws FeedsUnavailableException when the store is configured but cannot be reached
     */
    boolean claim(String feed);

    /**
     * Completes a claimed feed with {@code entries} (any order; the newest {@code cap} are kept,
     * with the entries added since the claim) and makes it readable; a feed no longer claimed (its
     * claim lapsed, it was deleted) is left alone. Pass at most {@code cap} entries: exactly
     * {@code cap} means "there may be older ones" ({@link Slice#truncated}). Feeds nobody reads for
     * a week are dropped (Mastodon keeps feeds of recently active accounts only).
     *
     * @throws FeedsUnavailableException when the store is configured but cannot be reached
     */
    void complete(String feed, List<Entry> entries, int cap);

    /**
     * Drops feeds, e.g. when what they should hold changed (a follow): the next read rebuilds them.
     *
     * @throws FeedsUnavailableException when the store is configured but cannot be reached
     */
    void delete(Collection<String> feeds);
}
