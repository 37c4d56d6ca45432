package social.herd.api.statuses;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Statuses as the public web pages list them, always filtered for the given viewer exactly as
 * the Mastodon API filters them (null viewer: signed out). Each list is newest first and holds
 * Mastodon Status entities; the next page starts below the smallest id returned. Since 1.1.
 */
@ProviderType
public interface StatusPages {

    /** Most entries any page may ask for. */
    int MAX_LIMIT = 40;

    /**
     * Public posts: this server's only when {@code localOnly}, with the hashtag {@code tag} when it
     * is not null.
     */
    List<Object> publicPosts(Long viewerId, boolean localOnly, String tag, Long maxId, int limit);

    /**
     * An account's posts as its profile shows them: its pinned posts when {@code pinned}, only
     * those with media when {@code onlyMedia}. Empty for unknown and suspended accounts.
     */
    List<Object> accountPosts(Long viewerId, long accountId, boolean pinned, boolean onlyMedia, Long maxId, int limit);

    /** One status with its visible ancestors and descendants, or empty when the viewer may not see it. */
    Optional<Thread> thread(Long viewerId, long statusId);

    /** A status in its conversation, each part a Mastodon Status entity. */
    record Thread(List<Object> ancestors, Object status, List<Object> descendants) {
        public Thread {
            ancestors = List.copyOf(ancestors);
            descendants = List.copyOf(descendants);
        }
    }
}
