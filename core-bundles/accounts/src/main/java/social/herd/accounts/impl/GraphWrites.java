package social.herd.accounts.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.GraphMapper;
import social.herd.accounts.impl.db.RelationshipMapper;
import social.herd.api.db.Tx;
import social.herd.api.events.EventTypes;
import social.herd.api.id.IdGenerator;

/**
 * Follow writes shared by local actions ({@link RelationshipService}), incoming activities
 * ({@link FederatedGraphService}) and moves ({@link RemoteAccountService}). Each changes the rows
 * and the counters in the caller's transaction and publishes the matching event only when a row
 * actually changed, so a repeated or concurrent call never counts or notifies twice.
 */
final class GraphWrites {

    /** What {@link #start} left in place. */
    enum Started { FOLLOWING, REQUESTED }

    private final IdGenerator ids;
    private final AccountEvents events;

    GraphWrites(IdGenerator ids, AccountEvents events) {
        this.ids = ids;
        this.events = events;
    }

    /**
     * Starts a follow of {@code target} that does not exist yet (the caller checked blocks): a
     * request when the target is locked or remote (a remote server confirms with Accept), else the
     * follow itself. A concurrent duplicate that committed first only gets the options set.
     *
     * @param uri the Follow activity's id when the follower is remote, else null
     */
    Started start(Tx tx, long followerId, AccountRow target, Boolean reblogs, Boolean notify, boolean setLanguages,
                  String[] languages, String uri, Instant now) {
        RelationshipMapper r = tx.mapper(RelationshipMapper.class);
        long targetId = target.id();
        if (target.locked() || !target.local()) {
            if (r.insertFollowRequest(ids.nextId(), followerId, targetId, reblogs, notify, setLanguages, languages, uri,
                    now) > 0) {
                events.pair(tx, EventTypes.FOLLOW_REQUESTED, followerId, targetId);
            } else {
                r.updateFollowRequest(followerId, targetId, reblogs, notify, setLanguages, languages);
            }
            return Started.REQUESTED;
        }
        if (r.insertFollow(ids.nextId(), followerId, targetId, reblogs, notify, setLanguages, languages, uri, now) > 0) {
            r.addToFollowCounts(followerId, targetId, 1);
            events.pair(tx, EventTypes.ACCOUNT_FOLLOWED, followerId, targetId);
        } else {
            r.updateFollow(followerId, targetId, reblogs, notify, setLanguages, languages);
        }
        return Started.FOLLOWING;
    }

    /**
     * Turns the pending request of follower → target into a follow with the request's options.
     *
     * @return false when there was no request
     */
    boolean accept(Tx tx, long followerId, long targetId, Instant now) {
        RelationshipMapper r = tx.mapper(RelationshipMapper.class);
        int created = r.followFromRequest(ids.nextId(), followerId, targetId, now);
        if (r.deleteFollowRequest(followerId, targetId) == 0) return false;
        if (created > 0) {
            r.addToFollowCounts(followerId, targetId, 1);
            events.pair(tx, EventTypes.ACCOUNT_FOLLOWED, followerId, targetId);
        }
        return true;
    }

    /**
     * Moves the local followers of {@code sourceId} to {@code target}, as Mastodon does on a move:
     * each follows the target (a request when it is remote or locked; the options of the old
     * follow are copied) and the old follow ends ({@code account.unfollowed}). Followers the
     * target blocks, or who block it or its domain, keep the old follow. Nothing moves to a
     * suspended target.
     *
     * @return the followers that now follow, or asked to follow, the target
     */
    List<Long> moveFollowers(Tx tx, long sourceId, AccountRow target, Instant now) {
        if (target.suspendedAt() != null) return List.of();
        RelationshipMapper r = tx.mapper(RelationshipMapper.class);
        long targetId = target.id();
        boolean asRequest = target.locked() || !target.local();
        List<Long> moved = new ArrayList<>();
        for (long follower : r.localFollowerIds(sourceId)) {
            if (follower == targetId || !mayFollow(r, follower, target)) continue;
            if (!tx.mapper(GraphMapper.class).follows(follower, targetId)
                    && r.copyFollow(ids.nextId(), follower, sourceId, targetId, asRequest, now) > 0) {
                if (asRequest) {
                    events.pair(tx, EventTypes.FOLLOW_REQUESTED, follower, targetId);
                } else {
                    r.addToFollowCounts(follower, targetId, 1);
                    events.pair(tx, EventTypes.ACCOUNT_FOLLOWED, follower, targetId);
                }
            }
            endFollow(tx, follower, sourceId);
            moved.add(follower);
        }
        return moved;
    }

    private static boolean mayFollow(RelationshipMapper r, long follower, AccountRow target) {
        return !r.blockedEitherWay(follower, target.id())
                && (target.local() || !r.domainBlocked(follower, target.domain()));
    }

    /** Ends the follow of follower → target, if any; {@code account.unfollowed} when it existed. */
    boolean endFollow(Tx tx, long followerId, long targetId) {
        RelationshipMapper r = tx.mapper(RelationshipMapper.class);
        if (r.deleteFollow(followerId, targetId) == 0) return false;
        r.addToFollowCounts(followerId, targetId, -1);
        events.pair(tx, EventTypes.ACCOUNT_UNFOLLOWED, followerId, targetId);
        return true;
    }

    /**
     * Drops the pending request of follower → target, if any, with {@code account.unfollowed}: the
     * request notification goes, and a remote target's server hears Undo Follow.
     */
    boolean endRequest(Tx tx, long followerId, long targetId) {
        if (tx.mapper(RelationshipMapper.class).deleteFollowRequest(followerId, targetId) == 0) return false;
        events.pair(tx, EventTypes.ACCOUNT_UNFOLLOWED, followerId, targetId);
        return true;
    }

    /** Ends follows and requests between the two accounts, both ways (blocks). */
    void endAllBetween(Tx tx, long a, long b) {
        endFollow(tx, a, b);
        endFollow(tx, b, a);
        endRequest(tx, a, b);
        endRequest(tx, b, a);
    }

    /**
     * A request or follow of follower → target refused by the target's user (reject, remove from
     * followers): ends it and publishes {@code account.follow_rejected} with the Follow's id.
     *
     * @param follow true to end a follow, false to end a pending request
     * @return false when there was nothing to end
     */
    boolean reject(Tx tx, long followerId, long targetId, boolean follow) {
        String uri = tx.mapper(RelationshipMapper.class).followActivityUri(followerId, targetId);
        if (!(follow ? endFollow(tx, followerId, targetId) : endRequest(tx, followerId, targetId))) return false;
        events.followRejected(tx, followerId, targetId, uri);
        return true;
    }

    /** {@code account.blocked} and the like: one event between two accounts. */
    void publish(Tx tx, String type, long accountId, long targetId) {
        events.pair(tx, type, accountId, targetId);
    }
}
