package social.herd.api.accounts;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** Who follows, blocks and mutes whom: what visibility, timelines and fan-out need. */
@ProviderType
public interface SocialGraph {

    /** True when {@code follower} follows {@code target} (accepted, not merely requested). */
    boolean follows(long follower, long target);

    /** The accounts {@code accountId} follows (accepted follows). */
    List<Long> following(long accountId);

    /** The local accounts following {@code accountId}, for fan-out; may be large. */
    List<Long> localFollowers(long accountId);

    /** True when either account blocks the other. */
    boolean blockedEitherWay(long a, long b);

    /**
     * Accounts whose posts {@code viewerId} must not see in timelines and notifications: those the
     * viewer blocks or mutes (unexpired), and those who block the viewer.
     */
    Set<Long> hiddenFrom(long viewerId);

    /**
     * The local followers of {@code accountId} who asked to be notified of its posts (Mastodon's
     * {@code notify} on a follow), for "status" notifications.
     *
     * @since 1.1
     */
    default List<Long> notifiedFollowers(long accountId) {
        throw new UnsupportedOperationException("notifiedFollowers");
    }

    /**
     * The accounts {@code accountId} follows with reblogs hidden ({@code reblogs=false} on the
     * follow): their boosts stay out of its home timeline.
     *
     * @since 1.1
     */
    default Set<Long> reblogsHidden(long accountId) {
        throw new UnsupportedOperationException("reblogsHidden");
    }
}
