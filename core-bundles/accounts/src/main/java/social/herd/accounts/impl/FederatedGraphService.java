package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.RelationshipMapper;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.events.EventTypes;
import social.herd.api.federation.FederatedGraph;
import social.herd.api.id.IdGenerator;

/**
 * {@link FederatedGraph}: incoming Follow, Undo, Accept, Reject and Block applied with the same
 * writes (and events) as the local actions in {@link RelationshipService}.
 *
 * <p>Each method checks which side must be remote and does nothing otherwise: federation has
 * verified who sent the activity, and a remote server may only speak for its own accounts (an
 * Accept can never authorise a request made to a local account, for instance).
 */
@Component(service = FederatedGraph.class)
public final class FederatedGraphService implements FederatedGraph {

    private final Database db;
    private final IdGenerator ids;
    private final GraphWrites graph;
    private final Clock clock;

    @Activate
    public FederatedGraphService(@Reference Database db, @Reference IdGenerator ids, @Reference AccountEvents events,
                                 @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, ids, events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public FederatedGraphService(Database db, IdGenerator ids, AccountEvents events, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.graph = new GraphWrites(ids, events);
        this.clock = clock;
    }

    /**
     * A Follow that already holds answers FOLLOWING again (the remote server resends Follow when
     * it missed our Accept) and keeps the newest activity id, as does a request resent.
     */
    @Override
    public FollowOutcome remoteFollow(long followerId, long targetId, String followActivityUri) {
        Instant now = clock.instant();
        return db.transaction(tx -> {
            AccountMapper accounts = tx.mapper(AccountMapper.class);
            AccountRow follower = accounts.byId(followerId);
            AccountRow target = accounts.byId(targetId);
            if (!remote(follower) || follower.suspendedAt() != null || target == null || !target.local()
                    || target.suspendedAt() != null) {
                return FollowOutcome.REFUSED;
            }
            RelationshipMapper r = tx.mapper(RelationshipMapper.class);
            if (r.blockedEitherWay(followerId, targetId) || r.domainBlocked(targetId, follower.domain())) {
                return FollowOutcome.REFUSED;
            }
            if (r.setFollowUri(followerId, targetId, followActivityUri) > 0) return FollowOutcome.FOLLOWING;
            if (target.locked()) {
                if (r.setFollowRequestUri(followerId, targetId, followActivityUri) > 0) return FollowOutcome.REQUESTED;
            } else {
                // a request left from when the account was locked: the follow replaces it
                r.deleteFollowRequest(followerId, targetId);
            }
            GraphWrites.Started started = graph.start(tx, followerId, target, null, null, false, null,
                    followActivityUri, now);
            // a concurrent duplicate committed first: make sure ours is the id kept
            if (started == GraphWrites.Started.FOLLOWING) r.setFollowUri(followerId, targetId, followActivityUri);
            else r.setFollowRequestUri(followerId, targetId, followActivityUri);
            return started == GraphWrites.Started.FOLLOWING ? FollowOutcome.FOLLOWING : FollowOutcome.REQUESTED;
        });
    }

    @Override
    public Optional<String> followActivityUri(long followerId, long targetId) {
        return Optional.ofNullable(db.read(tx -> tx.mapper(RelationshipMapper.class).followActivityUri(followerId,
                targetId)));
    }

    @Override
    public boolean remoteUnfollow(long followerId, long targetId) {
        return db.transaction(tx -> {
            if (!remote(tx, followerId)) return false;
            boolean follow = graph.endFollow(tx, followerId, targetId);
            return graph.endRequest(tx, followerId, targetId) || follow;
        });
    }

    @Override
    public boolean followAccepted(long followerId, long targetId) {
        Instant now = clock.instant();
        return db.transaction(tx -> {
            AccountRow target = tx.mapper(AccountMapper.class).byId(targetId);
            return remote(target) && target.suspendedAt() == null && graph.accept(tx, followerId, targetId, now);
        });
    }

    @Override
    public boolean followRejected(long followerId, long targetId) {
        return db.transaction(tx -> {
            if (!remote(tx, targetId)) return false;
            boolean request = graph.endRequest(tx, followerId, targetId);
            return graph.endFollow(tx, followerId, targetId) || request;
        });
    }

    @Override
    public void remoteBlock(long accountId, long targetId) {
        Instant now = clock.instant();
        db.transaction(tx -> {
            if (accountId == targetId || !remote(tx, accountId)) return null;
            if (tx.mapper(AccountMapper.class).byId(targetId) == null) return null;
            if (tx.mapper(RelationshipMapper.class).insertBlock(ids.nextId(), accountId, targetId, now) > 0) {
                graph.publish(tx, EventTypes.ACCOUNT_BLOCKED, accountId, targetId);
            }
            graph.endAllBetween(tx, accountId, targetId);
            return null;
        });
    }

    @Override
    public void remoteUnblock(long accountId, long targetId) {
        db.transaction(tx -> {
            if (remote(tx, accountId) && tx.mapper(RelationshipMapper.class).deleteBlock(accountId, targetId) > 0) {
                graph.publish(tx, EventTypes.ACCOUNT_UNBLOCKED, accountId, targetId);
            }
            return null;
        });
    }

    @Override
    public List<Long> remoteFollowers(long accountId, long afterId, int limit) {
        if (limit <= 0) return List.of();
        return db.read(tx -> tx.mapper(RelationshipMapper.class).remoteFollowers(accountId, afterId, limit));
    }

    private static boolean remote(Tx tx, long accountId) {
        return remote(tx.mapper(AccountMapper.class).byId(accountId));
    }

    /**
     * An existing remote account: the only kind whose server may act for it. Suspended ones may
     * still end relationships (Undo, Reject, Block), never start them.
     */
    private static boolean remote(AccountRow a) {
        return a != null && !a.local();
    }
}
