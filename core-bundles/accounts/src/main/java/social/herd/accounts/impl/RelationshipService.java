package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.accounts.impl.RelationshipViews.Relationship;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.FollowPair;
import social.herd.accounts.impl.db.RelationshipMapper;
import social.herd.api.db.Database;
import social.herd.api.db.Tx;
import social.herd.api.events.EventTypes;
import social.herd.api.db.SchemaReady;
import social.herd.api.id.IdGenerator;
import social.herd.web.api.ApiException;

/**
 * Changing relationships: follow (or request to), unfollow, remove a follower, authorise or reject
 * a request, block, mute, notes and user-level domain blocks. Each call checks and writes in one
 * transaction and answers the resulting Relationship read in that same transaction. Follower and
 * following counters change by the number of follow rows actually inserted or deleted, so a
 * repeated or concurrent request never counts twice.
 */
@Component(service = RelationshipService.class)
public final class RelationshipService {

    /** Mastodon's limit on private notes. */
    static final int NOTE_MAX = 2000;

    /**
     * Options of {@code POST /accounts/:id/follow}; null keeps the current value (defaults for a new
     * follow: reblogs on, notify off, every language).
     *
     * @param notifications Mastodon's {@code notify} (a record cannot name a component {@code notify})
     * @param languages     null when not sent; empty means every language
     */
    public record FollowOptions(Boolean reblogs, Boolean notifications, List<String> languages) {}

    private final Database db;
    private final IdGenerator ids;
    private final GraphWrites graph;
    private final Clock clock;

    @Activate
    public RelationshipService(@Reference Database db, @Reference IdGenerator ids,
                               @Reference AccountEvents events,
                               @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, ids, events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public RelationshipService(Database db, IdGenerator ids, AccountEvents events, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.graph = new GraphWrites(ids, events);
        this.clock = clock;
    }

    /**
     * Follows {@code targetId}, or asks to when the account is locked or remote; following again
     * changes the options. 404 for oneself (as Mastodon), 403 when either blocks the other or the viewer blocked
     * the target's domain.
     */
    public Relationship follow(long viewerId, long targetId, FollowOptions o) {
        String[] languages = languages(o.languages());
        boolean setLanguages = o.languages() != null;
        return write(viewerId, targetId, (tx, r, target, now) -> {
            if (targetId == viewerId) throw ApiException.notFound();
            if (r.blockedEitherWay(viewerId, targetId)
                    || (target.domain() != null && r.domainBlocked(viewerId, target.domain()))) {
                throw ApiException.forbidden("This action is not allowed");
            }
            if (r.updateFollow(viewerId, targetId, o.reblogs(), o.notifications(), setLanguages, languages) > 0) return;
            if (r.updateFollowRequest(viewerId, targetId, o.reblogs(), o.notifications(), setLanguages, languages) > 0) return;
            // a remote account always gets a request first: its server answers with Accept (or Reject)
            graph.start(tx, viewerId, target, o.reblogs(), o.notifications(), setLanguages, languages, null, now);
        });
    }

    /** Stops following {@code targetId} and withdraws a pending request. */
    public Relationship unfollow(long viewerId, long targetId) {
        return write(viewerId, targetId, (tx, r, target, now) -> {
            graph.endFollow(tx, viewerId, targetId);
            graph.endRequest(tx, viewerId, targetId);
        });
    }

    /** Makes {@code targetId} stop following the viewer ({@code account.follow_rejected}: a remote server hears Reject). */
    public Relationship removeFromFollowers(long viewerId, long targetId) {
        return write(viewerId, targetId, (tx, r, target, now) -> {
            graph.reject(tx, targetId, viewerId, true);
        });
    }

    /** Accepts {@code requesterId}'s pending request; 404 when there is none. */
    public Relationship authorize(long viewerId, long requesterId) {
        return write(viewerId, requesterId, (tx, r, requester, now) -> {
            if (!graph.accept(tx, requesterId, viewerId, now)) throw ApiException.notFound();
        });
    }

    /** Declines {@code requesterId}'s pending request; 404 when there is none. */
    public Relationship reject(long viewerId, long requesterId) {
        return write(viewerId, requesterId, (tx, r, requester, now) -> {
            if (!graph.reject(tx, requesterId, viewerId, false)) throw ApiException.notFound();
        });
    }

    /** Blocks {@code targetId}: follows and pending requests between the two end, both ways. */
    public Relationship block(long viewerId, long targetId) {
        return write(viewerId, targetId, (tx, r, target, now) -> {
            if (targetId == viewerId) return; // nothing to block; Mastodon ignores it too
            if (r.insertBlock(ids.nextId(), viewerId, targetId, now) > 0) {
                graph.publish(tx, EventTypes.ACCOUNT_BLOCKED, viewerId, targetId);
            }
            graph.endAllBetween(tx, viewerId, targetId);
        });
    }

    public Relationship unblock(long viewerId, long targetId) {
        return write(viewerId, targetId, (tx, r, target, now) -> {
            if (r.deleteBlock(viewerId, targetId) > 0) graph.publish(tx, EventTypes.ACCOUNT_UNBLOCKED, viewerId, targetId);
        });
    }

    /**
     * Mutes {@code targetId}, or changes the mute's options.
     *
     * @param durationSeconds how long; 0 or less means until unmuted
     */
    public Relationship mute(long viewerId, long targetId, boolean notifications, long durationSeconds) {
        return write(viewerId, targetId, (tx, r, target, now) -> {
            if (targetId == viewerId) return;
            Instant expires = durationSeconds > 0 ? now.plus(Duration.ofSeconds(durationSeconds)) : null;
            r.upsertMute(ids.nextId(), viewerId, targetId, notifications, expires, now);
        });
    }

    public Relationship unmute(long viewerId, long targetId) {
        return write(viewerId, targetId, (tx, r, target, now) -> r.deleteMute(viewerId, targetId));
    }

    /** Sets the viewer's private note on {@code targetId}; blank removes it. */
    public Relationship note(long viewerId, long targetId, String comment) {
        String text = comment == null ? "" : comment.strip();
        if (text.codePointCount(0, text.length()) > NOTE_MAX) {
            throw ApiException.unprocessable("Validation failed: Comment is too long (maximum is " + NOTE_MAX + " characters)");
        }
        return write(viewerId, targetId, (tx, r, target, now) -> {
            if (text.isEmpty()) r.deleteNote(viewerId, targetId);
            else r.upsertNote(ids.nextId(), viewerId, targetId, text, now);
        });
    }

    /**
     * Blocks a whole domain for the viewer: follows and requests between the viewer and accounts of
     * that domain end, both ways, as Mastodon does.
     */
    public void blockDomain(long viewerId, String domain) {
        String d = domain(domain);
        db.transaction(tx -> {
            RelationshipMapper r = tx.mapper(RelationshipMapper.class);
            r.insertDomainBlock(ids.nextId(), viewerId, d, clock.instant());
            for (FollowPair p : r.deleteFollowsWithDomain(viewerId, d)) {
                r.addToFollowCounts(p.accountId(), p.targetAccountId(), -1);
            }
            r.deleteFollowRequestsWithDomain(viewerId, d);
            return null;
        });
    }

    public void unblockDomain(long viewerId, String domain) {
        String d = domain(domain);
        db.transaction(tx -> tx.mapper(RelationshipMapper.class).deleteDomainBlock(viewerId, d));
    }

    private interface Change {
        void apply(Tx tx, RelationshipMapper r, AccountRow target, Instant now);
    }

    /** Runs {@code change} on an existing, unsuspended target and answers the relationship after it. */
    private Relationship write(long viewerId, long targetId, Change change) {
        Instant now = clock.instant();
        return db.transaction(tx -> {
            AccountRow target = tx.mapper(AccountMapper.class).byId(targetId);
            if (target == null || target.suspendedAt() != null) throw ApiException.notFound();
            change.apply(tx, tx.mapper(RelationshipMapper.class), target, now);
            return RelationshipQueries.relationship(tx, viewerId, targetId, now);
        });
    }

    /** Lower-case, distinct, non-blank codes; null (every language) for none. */
    static String[] languages(List<String> languages) {
        if (languages == null) return null;
        String[] out = languages.stream().filter(l -> l != null && !l.isBlank())
                .map(l -> l.strip().toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
        return out.length == 0 ? null : out;
    }

    /** Mastodon's normalisation: trimmed, lower case, without a scheme, path or port; 422 when empty. */
    static String domain(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        d = d.replaceFirst("^[a-z][a-z0-9+.-]*://", "").replaceFirst("[/?#].*$", "").replaceFirst(":\\d+$", "");
        if (d.isEmpty()) throw ApiException.unprocessable("Validation failed: Domain can't be blank");
        return d;
    }
}
