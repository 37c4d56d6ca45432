package social.herd.statuses.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.statuses.impl.StatusEntities.Context;
import social.herd.web.api.Page;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.db.InteractionMapper;
import social.herd.statuses.impl.db.Ref;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.PageRequest;

/**
 * Reading statuses: one status, its thread, who favourited or reblogged it, and the caller's
 * favourites and bookmarks. Everything passes {@link StatusVisibility} first.
 */
@Component(service = StatusQueries.class)
public final class StatusQueries {

    /** Mastodon's caps on a thread's ancestors and descendants. */
    static final int MAX_ANCESTORS = 40;
    static final int MAX_DESCENDANTS = 4096;

    private final Database db;
    private final StatusVisibility visibility;
    private final StatusViews views;
    private final AccountDirectory accounts;

    @Activate
    public StatusQueries(@Reference Database db, @Reference StatusVisibility visibility, @Reference StatusViews views,
                         @Reference AccountDirectory accounts,
                         @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, visibility, views, accounts);
    }

    /** For tests and embedding. */
    public StatusQueries(Database db, StatusVisibility visibility, StatusViews views, AccountDirectory accounts) {
        this.db = db;
        this.visibility = visibility;
        this.views = views;
        this.accounts = accounts;
    }

    /** The status if {@code viewerId} (null: logged out) may see it; 404 otherwise. */
    public Status get(Long viewerId, long id) {
        return db.read(tx -> views.one(tx, viewerId, visibility.require(tx, visibility.viewer(viewerId), id)));
    }

    /** Ancestors (oldest first) and descendants of a visible status, each visible to the viewer. */
    public Context context(Long viewerId, long id) {
        return db.read(tx -> {
            StatusVisibility.Viewer viewer = visibility.viewer(viewerId);
            StatusRow s = visibility.require(tx, viewer, id);
            StatusMapper m = tx.mapper(StatusMapper.class);
            List<StatusRow> up = new ArrayList<>(visibility.filter(tx, viewer, m.ancestors(s.id(), MAX_ANCESTORS)));
            java.util.Collections.reverse(up);
            List<StatusRow> down = visibility.filter(tx, viewer, m.descendants(s.id(), MAX_DESCENDANTS));
            return new Context(views.render(tx, viewerId, up), views.render(tx, viewerId, down));
        });
    }

    /** Accounts that favourited a visible status, by favourite row, newest first. */
    public Page<Object> favouritedBy(Long viewerId, long id, PageRequest page) {
        return accountsOf(viewerId, id, page, (tx, target) -> tx.mapper(InteractionMapper.class)
                .favouritedBy(target, page.maxId(), page.sinceId(), page.minId(), page.limit()));
    }

    /** Accounts that reblogged a visible status, by reblog id, newest first. */
    public Page<Object> rebloggedBy(Long viewerId, long id, PageRequest page) {
        return accountsOf(viewerId, id, page, (tx, target) -> tx.mapper(StatusMapper.class)
                .rebloggedBy(target, page.maxId(), page.sinceId(), page.minId(), page.limit()));
    }

    /** The caller's favourites, by favourite row, newest first; statuses gone invisible are skipped. */
    public Page<Status> favourites(long viewerId, PageRequest page) {
        return statusesOf(viewerId, page, tx -> tx.mapper(InteractionMapper.class)
                .favouritesOf(viewerId, page.maxId(), page.sinceId(), page.minId(), page.limit()));
    }

    public Page<Status> bookmarks(long viewerId, PageRequest page) {
        return statusesOf(viewerId, page, tx -> tx.mapper(InteractionMapper.class)
                .bookmarksOf(viewerId, page.maxId(), page.sinceId(), page.minId(), page.limit()));
    }

    private interface RefQuery {
        List<Ref> read(Tx tx, long target);
    }

    private Page<Object> accountsOf(Long viewerId, long id, PageRequest page, RefQuery query) {
        return db.read(tx -> {
            StatusRow s = visibility.require(tx, visibility.viewer(viewerId), id);
            long target = s.isReblog() ? s.reblogOfId() : s.id();
            List<Ref> rows = Paging.newestFirst(query.read(tx, target), page);
            Map<Long, Object> rendered = accounts.render(rows.stream().map(Ref::target).distinct().toList());
            List<Object> items = rows.stream().map(r -> rendered.get(r.target())).filter(a -> a != null).toList();
            return Paging.page(items, rows, page, Ref::id);
        });
    }

    private Page<Status> statusesOf(long viewerId, PageRequest page, java.util.function.Function<Tx, List<Ref>> query) {
        return db.read(tx -> {
            List<Ref> rows = Paging.newestFirst(query.apply(tx), page);
            Map<Long, StatusRow> byId = new HashMap<>();
            if (!rows.isEmpty()) {
                tx.mapper(StatusMapper.class).byIds(rows.stream().map(Ref::target).toList()).forEach(s -> byId.put(s.id(), s));
            }
            List<StatusRow> ordered = rows.stream().map(r -> byId.get(r.target())).filter(s -> s != null).toList();
            List<StatusRow> visible = visibility.filter(tx, visibility.viewer(viewerId), ordered);
            return Paging.page(views.render(tx, viewerId, visible), rows, page, Ref::id);
        });
    }
}
