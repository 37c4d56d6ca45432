package social.herd.statuses.impl.timelines;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.statuses.StatusDirectory;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.StatusFiltering;
import social.herd.statuses.impl.StatusViews;
import social.herd.statuses.impl.StatusVisibility;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/**
 * The public and hashtag timelines, read from PostgreSQL on request (the home timeline is
 * {@link HomeTimeline}). SQL picks candidates cheaply by index; {@link StatusVisibility} decides
 * what is shown, and accounts the viewer blocks or mutes (or who block the viewer) are left out, as
 * are limited accounts the viewer does not follow.
 */
@Component(service = TimelineService.class)
public final class TimelineService {

    /**
     * The tags of a hashtag timeline: {@code any} (the path's tag and {@code any[]}), each of
     * {@code all[]}, none of {@code none[]}; names as typed, with or without {@code #}.
     */
    public record Tags(Collection<String> any, Collection<String> all, Collection<String> none) {
        public static Tags of(String tag) {
            return new Tags(List.of(tag), List.of(), List.of());
        }
    }

    private final Database db;
    private final SocialGraph graph;
    private final AccountDirectory accounts;
    private final StatusVisibility visibility;
    private final TimelinePages pages;

    @Activate
    public TimelineService(@Reference Database db, @Reference SocialGraph graph, @Reference AccountDirectory accounts,
                           @Reference StatusVisibility visibility, @Reference StatusViews views,
                           @Reference StatusFiltering filtering,
                           @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, graph, accounts, visibility, views, filtering);
    }

    /** For tests and embedding. */
    public TimelineService(Database db, SocialGraph graph, AccountDirectory accounts, StatusVisibility visibility,
                           StatusViews views, StatusFiltering filtering) {
        this.db = db;
        this.graph = graph;
        this.accounts = accounts;
        this.visibility = visibility;
        this.pages = new TimelinePages(visibility, views, filtering);
    }

    /**
     * Public posts, newest first.
     *
     * @param local true: this server's only; false: other servers' only; null: both
     * @param tags  the hashtags to restrict to, or null for all public posts
     */
    public Page<Status> publicPosts(Long viewerId, Boolean local, boolean onlyMedia, Tags tags, PageRequest page) {
        List<String> any = tags == null ? List.of() : names(tags.any());
        List<String> all = tags == null ? List.of() : names(tags.all());
        List<String> none = tags == null ? List.of() : names(tags.none());
        if (tags != null && any.isEmpty()) return new Page<>(List.of(), null, null);
        boolean simple = any.size() <= 1 && all.isEmpty() && none.isEmpty();
        String one = any.isEmpty() ? null : any.get(0);
        return db.read(tx -> {
            Set<Long> hidden = viewerId == null ? Set.of() : graph.hiddenFrom(viewerId);
            // limited (silenced) accounts reach only their followers' public and hashtag timelines
            Set<Long> limited = accounts.limited();
            StatusMapper m = tx.mapper(StatusMapper.class);
            return pages.read(tx, visibility.viewer(viewerId), page,
                    p -> simple ? m.publicPosts(local, onlyMedia, one, p.maxId(), p.sinceId(), p.minId(), p.limit())
                            : m.tagPosts(any.toArray(String[]::new), all, none.toArray(String[]::new), local, onlyMedia,
                                    p.maxId(), p.sinceId(), p.minId(), p.limit()),
                    s -> !hidden.contains(s.accountId())
                            && (!limited.contains(s.accountId()) || follows(viewerId, s.accountId())),
                    StatusDirectory.PUBLIC);
        });
    }

    private boolean follows(Long viewerId, long authorId) {
        return viewerId != null && (viewerId == authorId || graph.follows(viewerId, authorId));
    }

    /** Lower-case names without {@code #}, blanks dropped, each once. */
    static List<String> names(Collection<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            if (t == null) continue;
            String n = t.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
            if (!n.isEmpty()) out.add(n);
        }
        return new ArrayList<>(out);
    }
}
