package social.herd.statuses.impl.lists;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.statuses.StatusDirectory;
import social.herd.statuses.impl.Paging;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.StatusFiltering;
import social.herd.statuses.impl.StatusViews;
import social.herd.statuses.impl.StatusVisibility;
import social.herd.statuses.impl.db.ListMapper;
import social.herd.statuses.impl.db.ListRow;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/**
 * {@code GET /api/v1/timelines/list/:id}: posts and reblogs of the list's members that the owner
 * still follows, from PostgreSQL by the same per-author query as home. Replies follow the list's
 * {@code replies_policy} as Mastodon's filter_from_list: a reply to the owner always shows, else
 * with {@code followed} when the owner follows the replied-to account, with {@code list} when it
 * is a member, and with {@code none} never; a reply to oneself is a thread and always shows.
 */
@Component(service = ListTimeline.class)
public final class ListTimeline {

    private final Database db;
    private final SocialGraph graph;
    private final StatusVisibility visibility;
    private final StatusViews views;
    private final StatusFiltering filtering;

    @Activate
    public ListTimeline(@Reference Database db, @Reference SocialGraph graph, @Reference StatusVisibility visibility,
                        @Reference StatusViews views, @Reference StatusFiltering filtering,
                        @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, graph, visibility, views, filtering);
    }

    /** For tests and embedding. */
    public ListTimeline(Database db, SocialGraph graph, StatusVisibility visibility, StatusViews views,
                        StatusFiltering filtering) {
        this.db = db;
        this.graph = graph;
        this.visibility = visibility;
        this.views = views;
        this.filtering = filtering;
    }

    /** A page of the owner's list; 404 for anyone else's list. */
    public Page<Status> timeline(long owner, long listId, PageRequest page) {
        return db.read(tx -> {
            ListRow list = ListService.own(tx, owner, listId);
            Set<Long> following = new HashSet<>(graph.following(owner));
            Set<Long> hidden = graph.hiddenFrom(owner);
            Set<Long> reblogsHidden = graph.reblogsHidden(owner);
            Set<Long> members = new HashSet<>();
            for (Long a : tx.mapper(ListMapper.class).memberIds(listId)) {
                if (following.contains(a) && !hidden.contains(a)) members.add(a);
            }
            if (members.isEmpty()) return new Page<>(List.of(), null, null);
            List<Long> authors = new ArrayList<>(members);
            StatusMapper m = tx.mapper(StatusMapper.class);
            StatusVisibility.Viewer viewer = visibility.viewer(owner, following, hidden);
            List<StatusRow> rows = Paging.fill(page, p -> m.byAccounts(authors, p.maxId(), p.sinceId(), p.minId(), p.limit()),
                    batch -> visibility.filter(tx, viewer, batch.stream()
                            .filter(r -> keep(r, list, owner, members, following, hidden)
                                    && !(r.isReblog() && reblogsHidden.contains(r.accountId()))).toList()), StatusRow::id);
            List<Status> items = filtering.apply(owner, StatusDirectory.HOME, views.render(tx, owner, rows));
            return Paging.page(items, rows, page, StatusRow::id);
        });
    }

    static boolean keep(StatusRow r, ListRow list, long owner, Set<Long> members, Set<Long> following, Set<Long> hidden) {
        if (!members.contains(r.accountId())) return false;
        if (r.reblogOfAccountId() != null && hidden.contains(r.reblogOfAccountId())) return false;
        Long to = r.inReplyToAccountId();
        if (to == null || to == r.accountId() || to == owner) return true;
        return switch (list.repliesPolicy()) {
            case "followed" -> following.contains(to);
            case "list" -> members.contains(to);
            default -> false;
        };
    }
}
