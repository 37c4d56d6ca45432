package social.herd.api.statuses;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Statuses for other bundles. Implemented by the statuses bundle. */
@ProviderType
public interface StatusDirectory {

    /** Filter contexts, as Mastodon's filters v2 name them. */
    String HOME = "home", NOTIFICATIONS = "notifications", PUBLIC = "public", THREAD = "thread", ACCOUNT = "account";

    /** Facts about a status, deleted ones included; empty when unknown. */
    Optional<StatusFacts> facts(long statusId);

    /** True when {@code viewerId} (null: logged out) may see the status (visibility, blocks, holds). */
    boolean visibleTo(Long viewerId, long statusId);

    /**
     * Mastodon Status entities as {@code viewerId} (null: logged out) sees them, keyed by id,
     * ready to serialise with the web bundle's JSON setup. Statuses the viewer may not see, and
     * deleted ones, are left out. With a {@code filterContext} (one of the constants above) the
     * viewer's content filters apply: matched statuses carry {@code filtered}, and those matched by
     * a "hide" filter are left out; null applies none.
     */
    Map<Long, Object> render(Long viewerId, Collection<Long> statusIds, String filterContext);

    /** True when {@code accountId} muted the conversation {@code statusId} belongs to. */
    boolean conversationMuted(long accountId, long statusId);

    /**
     * Hashtags in use here whose name starts with {@code prefix} (without {@code #}, any case), the
     * exact name first, then shorter before longer. Since 1.1.
     */
    default java.util.List<String> hashtags(String prefix, int limit) {
        return java.util.List.of();
    }

    /**
     * Ids of live posts (not deleted, not held, not boosts) above {@code afterId}, ascending: for
     * walking every post, e.g. to rebuild a search index. Since 1.1.
     */
    default java.util.List<Long> ids(long afterId, int limit) {
        return java.util.List.of();
    }

    /** Uses of a hashtag on one day (UTC) in public posts: how many posts and how many authors. Since 1.1. */
    record TagDay(String name, java.time.LocalDate day, long uses, long accounts) {}

    /**
     * Per-day uses of the hashtags in public posts of the last {@code days} days, for the
     * {@code limit} most used (over those days) tags. Since 1.1.
     */
    default java.util.List<TagDay> tagUses(int days, int limit) {
        return java.util.List.of();
    }

    /**
     * Ids of one account's live posts above {@code afterId}, ascending (to index them again when
     * the account returns from suspension). Since 1.2.
     */
    default java.util.List<Long> ids(long accountId, long afterId, int limit) {
        return java.util.List.of();
    }

    /**
     * What a search index needs of posts, read in one go: the live ones among {@code statusIds}
     * (not deleted, not held, not boosts) keyed by id; others are absent, so an indexer removes
     * them. Since 1.2.
     */
    default Map<Long, SearchablePost> searchable(Collection<Long> statusIds) {
        return Map.of();
    }
}
