package social.herd.statuses.impl;

import java.time.Clock;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.db.HeldMapper;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.PageRequest;

/**
 * The review queue of posts a moderation filter held: only their author sees them until a
 * moderator approves (then they federate, fan out and notify as if just posted, through
 * {@code status.approved}) or rejects them (deleted).
 */
@Component(service = ModerationQueue.class)
public final class ModerationQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ModerationQueue.class);

    private final Database db;
    private final StatusViews views;
    private final StatusEvents events;
    private final Clock clock;

    @Activate
    public ModerationQueue(@Reference Database db, @Reference StatusViews views, @Reference StatusEvents events,
                           @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, views, events, Clock.systemUTC());
    }

    /** For tests. */
    public ModerationQueue(Database db, StatusViews views, StatusEvents events, Clock clock) {
        this.db = db;
        this.views = views;
        this.events = events;
        this.clock = clock;
    }

    /** Held posts, newest first, as the moderator sees them (bypassing the hold, which is the point). */
    public List<Status> held(long moderatorId, PageRequest page) {
        return db.read(tx -> views.render(tx, moderatorId,
                tx.mapper(HeldMapper.class).held(page.maxId(), page.sinceId(), page.limit())));
    }

    /** Approves a held post; 404 unless it is held. */
    public Status approve(long moderatorId, long statusId) {
        Status s = db.transaction(tx -> {
            if (tx.mapper(HeldMapper.class).release(statusId) == 0) throw ApiException.notFound();
            StatusRow row = tx.mapper(StatusMapper.class).byId(statusId);
            events.approved(tx, row);
            return views.one(tx, moderatorId, row);
        });
        LOG.info("held status approved status_id={} moderator_account_id={}", statusId, moderatorId);
        return s;
    }

    /** Rejects a held post: it is deleted and never shown. 404 unless it is held. */
    public void reject(long moderatorId, long statusId) {
        db.transaction(tx -> {
            StatusRow row = tx.mapper(StatusMapper.class).byId(statusId);
            if (row == null || !row.held() || row.deleted()) throw ApiException.notFound();
            tx.mapper(StatusMapper.class).markDeleted(statusId, clock.instant());
            if (row.inReplyToId() != null) tx.mapper(StatusMapper.class).addReplies(row.inReplyToId(), -1);
            events.deleted(tx, row);
            return null;
        });
        LOG.info("held status rejected status_id={} moderator_account_id={}", statusId, moderatorId);
    }
}
