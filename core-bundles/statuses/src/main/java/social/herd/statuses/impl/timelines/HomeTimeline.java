package social.herd.statuses.impl.timelines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.kv.Feeds;
import social.herd.api.statuses.StatusDirectory;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.StatusFiltering;
import social.herd.statuses.impl.StatusViews;
import social.herd.statuses.impl.StatusVisibility;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/**
 * The home timeline: the viewer's posts and the posts and reblogs of the accounts it follows.
 * With Redis configured the candidates come from the viewer's feed (filled on write by
 * {@link HomeFanOut}); a missing feed (never built, evicted, Redis down) is answered from PostgreSQL
 * and rebuilt in the background. Either way every candidate passes {@link HomeGraph#keep} and
 * {@link StatusVisibility} at read time, so a stale feed shows nothing the viewer may not see now.
 */
@Component(service = HomeTimeline.class)
public final class HomeTimeline {

    /** Entries a home feed keeps (Mastodon's FeedManager::MAX_ITEMS). */
    public static final int CAP = 800;

    private final Database db;
    private final SocialGraph graph;
    private final StatusVisibility visibility;
    private final TimelinePages pages;
    private final HomeFeedBuilder builder;
    private volatile Feeds feeds;

    @Activate
    public HomeTimeline(@Reference Database db, @Reference SocialGraph graph, @Reference StatusVisibility visibility,
                        @Reference StatusViews views, @Reference StatusFiltering filtering,
                        @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, graph, visibility, views, filtering);
    }

    /** For tests and embedding; feeds come through {@link #setFeeds}. */
    public HomeTimeline(Database db, SocialGraph graph, StatusVisibility visibility, StatusViews views,
                        StatusFiltering filtering) {
        this.db = db;
        this.graph = graph;
        this.visibility = visibility;
        this.pages = new TimelinePages(visibility, views, filtering);
        this.builder = new HomeFeedBuilder(db, graph);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setFeeds(Feeds feeds) {
        this.feeds = feeds;
    }

    public void unsetFeeds(Feeds gone) {
        if (this.feeds == gone) this.feeds = null;
    }

    @Deactivate
    void deactivate() {
        builder.close();
    }

    /**
     * Rebuilds the account's feed now (tests, tools); false without feeds, or when the feed exists
     * or is being built elsewhere.
     */
    public boolean rebuild(long accountId) {
        Feeds f = feeds;
        return f != null && builder.rebuild(f, accountId);
    }

    /** The feed key of an account's home timeline. */
    public static String feedKey(long accountId) {
        return "home:" + accountId;
    }

    /** One page of the viewer's home timeline. */
    public Page<Status> home(long viewerId, PageRequest page) {
        Feeds f = feeds;
        Feeds.Slice first = null;
        if (f != null && f.available()) {
            // read Redis before taking a database connection: a slow Redis must not hold one
            try {
                first = f.range(feedKey(viewerId), page.maxId(), page.sinceId(), page.minId(), page.limit()).orElse(null);
                if (first == null) builder.rebuildLater(f, viewerId);
            } catch (RuntimeException e) {
                first = null; // unreachable meanwhile: PostgreSQL answers
            }
        }
        Feeds.Slice firstSlice = first;
        return db.read(tx -> {
            HomeGraph g = HomeGraph.load(tx, graph, viewerId);
            StatusMapper m = tx.mapper(StatusMapper.class);
            List<Long> authors = g.authors();
            Function<PageRequest, List<StatusRow>> sql =
                    p -> m.byAccounts(authors, p.maxId(), p.sinceId(), p.minId(), p.limit());
            Function<PageRequest, List<StatusRow>> candidates = firstSlice == null ? sql
                    : new FeedCandidates(f, feedKey(viewerId), page, firstSlice, m, sql);
            StatusVisibility.Viewer viewer = visibility.viewer(viewerId, g.following(), g.hidden());
            return pages.read(tx, viewer, page, candidates, g::keep, StatusDirectory.HOME);
        });
    }

    /**
     * Candidates from a feed, and from PostgreSQL where the feed cannot answer: below its oldest
     * entry when it is truncated at its cap, or when it became unreachable between two rounds.
     */
    private record FeedCandidates(Feeds feeds, String key, PageRequest page, Feeds.Slice first, StatusMapper mapper,
                                  Function<PageRequest, List<StatusRow>> sql)
            implements Function<PageRequest, List<StatusRow>> {

        @Override
        public List<StatusRow> apply(PageRequest p) {
            Feeds.Slice s = p == page ? first : next(p);
            if (s == null) return sql.apply(p);
            if (p.ascending() && s.truncated() && p.minId() < s.oldest()) return sql.apply(p);
            List<StatusRow> rows = rows(s.ids());
            if (p.ascending() || !s.truncated() || s.ids().size() >= p.limit()) return rows;
            if (p.sinceId() != null && p.sinceId() >= s.oldest()) return rows;
            // the rest lies below what the feed keeps
            Long below = p.maxId() == null ? Long.valueOf(s.oldest()) : Long.valueOf(Math.min(p.maxId(), s.oldest()));
            rows.addAll(sql.apply(new PageRequest(below, p.sinceId(), null, p.limit() - s.ids().size())));
            return rows;
        }

        private Feeds.Slice next(PageRequest p) {
            try {
                return feeds.range(key, p.maxId(), p.sinceId(), p.minId(), p.limit()).orElse(null);
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** The rows of {@code ids}, in that order; ids without a row are skipped. */
        private List<StatusRow> rows(List<Long> ids) {
            if (ids.isEmpty()) return new ArrayList<>();
            Map<Long, StatusRow> byId = new HashMap<>();
            for (StatusRow r : mapper.byIdArray(ids.toArray(Long[]::new))) byId.put(r.id(), r);
            List<StatusRow> out = new ArrayList<>(ids.size());
            for (Long id : ids) {
                StatusRow r = byId.get(id);
                if (r != null) out.add(r);
            }
            return out;
        }
    }
}
