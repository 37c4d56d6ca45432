package social.herd.statuses.impl;

import java.time.Clock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.id.IdGenerator;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.db.EditMapper;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.ApiException;

/**
 * Pinning statuses to one's profile, with Mastodon's rules: one's own posts only, not boosts, not
 * direct posts, at most {@value #MAX_PINS}. Pinning twice and unpinning what is not pinned change
 * nothing and answer the status.
 */
@Component(service = PinService.class)
public final class PinService {

    /** Mastodon's limit of pinned statuses per account. */
    static final int MAX_PINS = 5;

    private final Database db;
    private final IdGenerator ids;
    private final StatusVisibility visibility;
    private final StatusViews views;
    private final Clock clock;

    @Activate
    public PinService(@Reference Database db, @Reference IdGenerator ids, @Reference StatusVisibility visibility,
                      @Reference StatusViews views,
                      @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, ids, visibility, views, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public PinService(Database db, IdGenerator ids, StatusVisibility visibility, StatusViews views, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.visibility = visibility;
        this.views = views;
        this.clock = clock;
    }

    public Status pin(long accountId, long statusId) {
        return db.transaction(tx -> {
            StatusRow s = visibility.require(tx, visibility.viewer(accountId), statusId);
            if (s.accountId() != accountId) fail("Someone else's post cannot be pinned");
            if (s.isReblog()) fail("A boost cannot be pinned");
            if (s.visibility().equals("direct")) fail("Posts that are only visible to mentioned users cannot be pinned");
            EditMapper m = tx.mapper(EditMapper.class);
            // one account's pins one after the other: two concurrent pins cannot both pass the limit
            m.lockPins(accountId);
            if (m.pinnedAmong(accountId, java.util.List.of(statusId)).isEmpty()) {
                if (m.countPins(accountId) >= MAX_PINS) fail("Maximum number of pinned statuses reached");
                m.pin(ids.nextId(), accountId, statusId, clock.instant());
            }
            return views.one(tx, accountId, s);
        });
    }

    public Status unpin(long accountId, long statusId) {
        return db.transaction(tx -> {
            StatusRow s = visibility.require(tx, visibility.viewer(accountId), statusId);
            tx.mapper(EditMapper.class).unpin(accountId, statusId);
            return views.one(tx, accountId, tx.mapper(StatusMapper.class).byId(s.id()));
        });
    }

    private static void fail(String what) {
        throw ApiException.unprocessable("Validation failed: " + what);
    }
}
