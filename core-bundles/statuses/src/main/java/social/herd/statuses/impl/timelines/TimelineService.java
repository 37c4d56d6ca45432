package social.herd.statuses.impl.timelines;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.statuses.impl.Paging;
import social.herd.web.api.Page;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.StatusViews;
import social.herd.statuses.impl.StatusVisibility;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.PageRequest;

/**
 * The home, public and hashtag timelines, read from PostgreSQL on request. SQL picks candidates
 * cheaply by index; {@link StatusVisibility} decides what is shown, and accounts the viewer blocks
 * or mutes (or who block the viewer) are left out, their reblogged posts too.
 */
@Component(service = TimelineService.class)
public final class TimelineService {

    private final Database db;
    private final SocialGraph graph;
    private final StatusVisibility visibility;
    private final StatusViews views;

    @Activate
    public TimelineService(@Reference Database db, @Reference SocialGraph graph, @Reference StatusVisibility visibility,
                           @Reference StatusViews views,
                           @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, graph, visibility, views);
    }

    /** For tests and embedding. */
    public TimelineService(Database db, SocialGraph graph, StatusVisibility visibility, StatusViews views) {
        this.db = db;
        this.graph = graph;
        this.visibility = visibility;
        this.views = views;
    }

    /** The viewer's own posts and the posts and reblogs of the accounts they follow. */
    public Page<Status> home(long viewerId, PageRequest page) {
        Set<Long> hidden = graph.hiddenFrom(viewerId);
        Set<Long> authors = new LinkedHashSet<>();
        authors.add(viewerId);
        for (Long f : graph.following(viewerId)) if (!hidden.contains(f)) authors.add(f);
        List<Long> authorIds = new ArrayList<>(authors);
        return read(viewerId, hidden, page, (m, p) -> m.byAccounts(authorIds, p.maxId(), p.sinceId(), p.minId(), p.limit()));
    }

    /**
     * Public posts, newest first.
     *
     * @param local  true: this server's only; false: other servers' only; null: both
     * @param tag    a hashtag (without {@code #}) to restrict to, or null
     */
    public Page<Status> publicPosts(Long viewerId, Boolean local, boolean onlyMedia, String tag, PageRequest page) {
        Set<Long> hidden = viewerId == null ? Set.of() : graph.hiddenFrom(viewerId);
        String t = tag == null ? null : tag.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        return read(viewerId, hidden, page, (m, p) -> m.publicPosts(local, onlyMedia, t, p.maxId(), p.sinceId(), p.minId(),
                p.limit()));
    }

    private interface Candidates {
        List<StatusRow> read(StatusMapper mapper, PageRequest page);
    }

    private Page<Status> read(Long viewerId, Set<Long> hidden, PageRequest page, Candidates candidates) {
        return db.read(tx -> {
            StatusMapper m = tx.mapper(StatusMapper.class);
            StatusVisibility.Viewer viewer = visibility.viewer(viewerId);
            List<StatusRow> rows = Paging.fill(page, p -> candidates.read(m, p),
                    batch -> visibility.filter(tx, viewer, batch.stream().filter(s -> !hidden.contains(s.accountId())
                            && (s.reblogOfAccountId() == null || !hidden.contains(s.reblogOfAccountId()))).toList()),
                    StatusRow::id);
            return Paging.page(views.render(tx, viewerId, rows), rows, page, StatusRow::id);
        });
    }
}
