package social.herd.timelines.impl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.statuses.StatusDirectory;
import social.herd.timelines.impl.Entities.Notification;
import social.herd.timelines.impl.Paging.Kept;
import social.herd.timelines.impl.db.MarkerMapper;
import social.herd.timelines.impl.db.NotificationFilter;
import social.herd.timelines.impl.db.NotificationMapper;
import social.herd.timelines.impl.db.NotificationRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/**
 * Reading and dismissing a user's notifications. What is shown is decided when reading too:
 * notifications from accounts the reader now hides, from suspended accounts, or about statuses
 * the reader can no longer see (or hides with a filter in the notifications context) are left out.
 */
@Component(service = NotificationQueries.class)
public final class NotificationQueries {

    /**
     * Which notifications a list or count covers.
     *
     * @param types         only these (null: all); unknown names match nothing
     * @param excludeTypes  never these
     * @param fromAccountId only from this account, or null
     */
    public record Selection(List<String> types, List<String> excludeTypes, Long fromAccountId) {}

    private final Database db;
    private final AccountDirectory accounts;
    private final StatusDirectory statuses;
    private final SocialGraph graph;
    private final Clock clock;

    @Activate
    public NotificationQueries(@Reference Database db, @Reference AccountDirectory accounts,
                               @Reference StatusDirectory statuses, @Reference SocialGraph graph,
                               @Reference(target = "(herd.schema=social.herd.timelines)") SchemaReady schema) {
        this(db, accounts, statuses, graph, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public NotificationQueries(Database db, AccountDirectory accounts, StatusDirectory statuses, SocialGraph graph,
                               Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.statuses = statuses;
        this.graph = graph;
        this.clock = clock;
    }

    /** A page of the viewer's notifications, newest first. */
    public Page<Notification> list(long viewerId, Selection selection, PageRequest page) {
        NotificationFilter filter = filter(viewerId, selection);
        if (filter.matchesNothing()) return new Page<>(List.of(), null, null);
        return Paging.fill(page,
                p -> db.read(tx -> tx.mapper(NotificationMapper.class).page(filter, p.maxId(), p.sinceId(), p.minId(),
                        p.limit())),
                rows -> render(viewerId, rows), NotificationRow::id);
    }

    /** One notification; 404 when it is not the viewer's, was dismissed or cannot be shown. */
    public Notification get(long viewerId, long id) {
        NotificationRow row = db.read(tx -> tx.mapper(NotificationMapper.class).byId(viewerId, id));
        if (row == null || graph.hiddenFrom(viewerId).contains(row.fromAccountId())) throw ApiException.notFound();
        List<Kept<Notification>> shown = render(viewerId, List.of(row));
        if (shown.isEmpty()) throw ApiException.notFound();
        return shown.get(0).item();
    }

    /** Dismisses one notification; 404 when the viewer has no such notification. */
    public void dismiss(long viewerId, long id) {
        int n = db.transaction(tx -> tx.mapper(NotificationMapper.class).dismiss(viewerId, id, clock.instant()));
        if (n == 0) throw ApiException.notFound();
    }

    /** Dismisses all of the viewer's notifications. */
    public void clear(long viewerId) {
        db.transaction(tx -> tx.mapper(NotificationMapper.class).dismissAll(viewerId, clock.instant()));
    }

    /**
     * How many notifications are newer than the viewer's {@code notifications} marker (all of them
     * without a marker), counting at most {@code cap}. Counted in the database: a notification
     * whose status has become invisible still counts until it is listed.
     */
    public int unreadCount(long viewerId, Selection selection, int cap) {
        NotificationFilter filter = filter(viewerId, selection);
        if (filter.matchesNothing()) return 0;
        return db.read(tx -> {
            Long lastRead = tx.mapper(MarkerMapper.class).lastRead(viewerId, MarkerService.NOTIFICATIONS);
            return tx.mapper(NotificationMapper.class).countAfter(filter, lastRead, cap);
        });
    }

    private NotificationFilter filter(long viewerId, Selection s) {
        List<String> types = s.types() == null ? null
                : s.types().stream().filter(NotificationTypes.KNOWN::contains).distinct().toList();
        return NotificationFilter.of(viewerId, types, s.excludeTypes(), s.fromAccountId(), graph.hiddenFrom(viewerId));
    }

    /** The rows that can be shown, rendered, in their order. */
    private List<Kept<Notification>> render(long viewerId, List<NotificationRow> rows) {
        if (rows.isEmpty()) return List.of();
        Map<Long, Object> from = accounts.render(rows.stream().map(NotificationRow::fromAccountId).distinct().toList());
        List<Long> statusIds = rows.stream().map(NotificationRow::statusId).filter(Objects::nonNull).distinct().toList();
        Map<Long, Object> shown = statusIds.isEmpty() ? Map.of()
                : statuses.render(viewerId, statusIds, StatusDirectory.NOTIFICATIONS);
        List<Kept<Notification>> out = new ArrayList<>(rows.size());
        for (NotificationRow r : rows) {
            Object account = from.get(r.fromAccountId());
            Object status = r.statusId() == null ? null : shown.get(r.statusId());
            if (account == null || (NotificationTypes.withStatus(r.type()) && status == null)) continue;
            String id = Long.toString(r.id());
            out.add(new Kept<>(r.id(), new Notification(id, r.type(), r.createdAt(), "ungrouped-" + id, account, status,
                    null)));
        }
        return out;
    }
}
