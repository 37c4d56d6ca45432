package social.herd.statuses.impl;

import java.time.Clock;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.db.FactsMapper;
import social.herd.statuses.impl.db.InteractionMapper;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.ApiException;

/**
 * Favourites, reblogs and bookmarks. Each acts on the reblogged status when given a reblog (as
 * Mastodon does), requires the status to be visible to the caller (404 otherwise), is idempotent,
 * and moves counters only when a row was really added or removed.
 */
@Component(service = InteractionService.class)
public final class InteractionService {

    private final Database db;
    private final IdGenerator ids;
    private final StatusVisibility visibility;
    private final StatusViews views;
    private final StatusEvents events;
    private final Clock clock;

    @Activate
    public InteractionService(@Reference Database db, @Reference IdGenerator ids, @Reference StatusVisibility visibility,
                              @Reference StatusViews views, @Reference StatusEvents events,
                              @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, ids, visibility, views, events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public InteractionService(Database db, IdGenerator ids, StatusVisibility visibility, StatusViews views,
                              StatusEvents events, Clock clock) {
        this.db = db;
        this.events = events;
        this.ids = ids;
        this.visibility = visibility;
        this.views = views;
        this.clock = clock;
    }

    public Status favourite(long accountId, long statusId) {
        return act(accountId, statusId, (tx, s) -> {
            if (tx.mapper(InteractionMapper.class).insertFavourite(ids.nextId(), accountId, s.id(), clock.instant()) > 0) {
                tx.mapper(StatusMapper.class).addFavourites(s.id(), 1);
                if (s.accountId() != accountId) events.favourited(tx, accountId, s);
            }
        });
    }

    public Status unfavourite(long accountId, long statusId) {
        return act(accountId, statusId, (tx, s) -> {
            if (tx.mapper(InteractionMapper.class).deleteFavourite(accountId, s.id()) > 0) {
                tx.mapper(StatusMapper.class).addFavourites(s.id(), -1);
                // as for favourited: one's own posts' favourites are nobody else's business
                if (s.accountId() != accountId) events.unfavourited(tx, accountId, s);
            }
        });
    }

    public Status bookmark(long accountId, long statusId) {
        return act(accountId, statusId,
                (tx, s) -> tx.mapper(InteractionMapper.class).insertBookmark(ids.nextId(), accountId, s.id(), clock.instant()));
    }

    public Status unbookmark(long accountId, long statusId) {
        return act(accountId, statusId, (tx, s) -> tx.mapper(InteractionMapper.class).deleteBookmark(accountId, s.id()));
    }

    /**
     * Reblogs a status and answers the reblog (its {@code reblog} embeds the original); reblogging
     * again answers the existing reblog. Direct posts, held posts and other people's private posts
     * cannot be reblogged (422); the author may boost their own private post to their followers.
     *
     * @param requested {@code public}, {@code unlisted} or {@code private}; null for public
     */
    public Status reblog(long accountId, long statusId, String requested) {
        String vis = requested == null || requested.isBlank() ? "public" : requested.strip().toLowerCase(Locale.ROOT);
        if (!vis.equals("public") && !vis.equals("unlisted") && !vis.equals("private")) {
            throw ApiException.unprocessable("Validation failed: Visibility is not included in the list");
        }
        return db.transaction(tx -> {
            StatusMapper m = tx.mapper(StatusMapper.class);
            StatusRow original = proper(tx, accountId, statusId);
            boolean own = original.accountId() == accountId;
            if (original.held() || original.visibility().equals("direct")
                    || (original.visibility().equals("private") && !own)) {
                throw ApiException.unprocessable("Validation failed: Reblog of status is not allowed");
            }
            // a boost never shows a private post to more people than the original does
            String effective = original.visibility().equals("private") ? "private" : vis;
            StatusRow reblog = new StatusRow(ids.nextId(), accountId, "", "", "", false, effective, null, null,
                    original.id(), original.accountId(), null, true, false, false, clock.instant(), null, null, 0, 0, 0);
            if (m.insert(reblog) > 0) {
                m.addReblogs(original.id(), 1);
                events.created(tx, reblog);
            } else {
                reblog = m.reblogBy(accountId, original.id());
            }
            return views.one(tx, accountId, reblog);
        });
    }

    /** Undoes the caller's reblog and answers the original. */
    public Status unreblog(long accountId, long statusId) {
        return act(accountId, statusId, (tx, s) -> {
            StatusMapper m = tx.mapper(StatusMapper.class);
            StatusRow reblog = m.reblogBy(accountId, s.id());
            if (reblog != null && m.markDeleted(reblog.id(), clock.instant()) > 0) {
                m.addReblogs(s.id(), -1);
                events.deleted(tx, reblog);
            }
        });
    }

    /**
     * Mutes the thread of a status the caller may see: no more notifications from it. Mastodon
     * allows it only for threads one takes part in; Herd allows any visible thread (harmless).
     */
    public Status muteConversation(long accountId, long statusId) {
        return act(accountId, statusId, (tx, s) -> {
            Long conversation = tx.mapper(FactsMapper.class).conversationOf(s.id());
            if (conversation != null) tx.mapper(FactsMapper.class).mute(accountId, conversation);
        });
    }

    public Status unmuteConversation(long accountId, long statusId) {
        return act(accountId, statusId, (tx, s) -> {
            Long conversation = tx.mapper(FactsMapper.class).conversationOf(s.id());
            if (conversation != null) tx.mapper(FactsMapper.class).unmute(accountId, conversation);
        });
    }

    private interface Change {
        void apply(Tx tx, StatusRow status) throws Exception;
    }

    /** Runs {@code change} on the visible original and answers it as it is afterwards. */
    private Status act(long accountId, long statusId, Change change) {
        return db.transaction(tx -> {
            StatusRow s = proper(tx, accountId, statusId);
            change.apply(tx, s);
            return views.one(tx, accountId, tx.mapper(StatusMapper.class).byId(s.id()));
        });
    }

    /** The status itself, or the one it reblogs; 404 unless visible. */
    private StatusRow proper(Tx tx, long accountId, long statusId) {
        StatusVisibility.Viewer viewer = visibility.viewer(accountId);
        StatusRow s = visibility.require(tx, viewer, statusId);
        return s.isReblog() ? visibility.require(tx, viewer, s.reblogOfId()) : s;
    }
}
