package social.herd.api.federation;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Relationship changes that arrive from other servers, provided by the accounts bundle.
 *
 * <p>Each method applies one incoming activity in one transaction and publishes the same domain
 * events a local action would ({@code account.followed}, {@code account.follow_requested},
 * {@code account.unfollowed}, {@code account.blocked}), so notifications and timelines need no
 * federation-specific code. Every method is idempotent: activities are delivered at least once.
 *
 * <p>Local-to-remote follows start in the accounts bundle as a follow request (always, whatever
 * the remote account's {@code locked}): a remote server confirms them with {@code Accept}, which
 * federation applies with {@link #followAccepted}.
 */
@ProviderType
public interface FederatedGraph {

    /** What became of an incoming {@code Follow}. */
    enum FollowOutcome {
        /** The follow holds now (the target is not locked, or it already held). */
        FOLLOWING,
        /** The target is locked: a follow request waits for the user. */
        REQUESTED,
        /** Refused: the target blocks the follower (or its domain), or is not a local account. */
        REFUSED
    }

    /**
     * Remote {@code followerId} follows local {@code targetId}; {@code followActivityUri} is the
     * Follow's id, kept so that the Accept or Reject can embed it.
     */
    FollowOutcome remoteFollow(long followerId, long targetId, String followActivityUri);

    /** The id of the {@code Follow} activity behind the follow or request of follower → target. */
    Optional<String> followActivityUri(long followerId, long targetId);

    /** {@code Undo Follow}: remote {@code followerId} no longer follows (nor asks to) local {@code targetId}. */
    boolean remoteUnfollow(long followerId, long targetId);

    /**
     * {@code Accept}: remote {@code targetId} accepted local {@code followerId}'s request.
     *
     * @return false when there was no such request (already accepted, withdrawn, or never made)
     */
    boolean followAccepted(long followerId, long targetId);

    /**
     * {@code Reject}: remote {@code targetId} refused local {@code followerId} — the request, or the
     * follow if it had already been accepted, is removed.
     */
    boolean followRejected(long followerId, long targetId);

    /** Remote {@code accountId} blocks local {@code targetId}: follows both ways end. */
    void remoteBlock(long accountId, long targetId);

    /** {@code Undo Block}. */
    void remoteUnblock(long accountId, long targetId);

    /**
     * Remote accounts that follow local {@code accountId}, for delivering its posts (at most
     * {@code limit}, ordered by id, after {@code afterId}; page until empty).
     */
    List<Long> remoteFollowers(long accountId, long afterId, int limit);
}
