package social.herd.statuses.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Tx;
import social.herd.statuses.impl.db.Ref;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.ApiException;

/**
 * Who may see a status: the one place the rule lives; every read goes through it.
 *
 * <ul>
 *   <li>deleted: nobody; by a suspended (or unknown) author: nobody;</li>
 *   <li>the author sees everything else of their own, held posts included;</li>
 *   <li>held for moderation: nobody else; blocked either way: nobody else;</li>
 *   <li>public and unlisted: everyone, logged out too;</li>
 *   <li>private: followers and mentioned accounts; direct: mentioned accounts.</li>
 * </ul>
 * A reblog is visible when both the reblog and the reblogged status are. Callers answer an
 * invisible status with 404 "Record not found", never 403, so that its existence does not leak.
 */
@Component(service = StatusVisibility.class)
public final class StatusVisibility {

    private final SocialGraph graph;
    private final AccountCache accounts;

    @Activate
    public StatusVisibility(@Reference SocialGraph graph, @Reference AccountCache accounts) {
        this.graph = graph;
        this.accounts = accounts;
    }

    /** For tests and embedding: account look-ups are not cached. */
    public StatusVisibility(SocialGraph graph, AccountDirectory accounts) {
        this(graph, new AccountCache(accounts, Duration.ZERO));
    }

    /** A viewer for one request ({@code null}: logged out); it caches graph look-ups per author. */
    public Viewer viewer(Long viewerId) {
        return new Viewer(viewerId, null, null);
    }

    /**
     * A viewer whose graph a timeline has already loaded, so that no status costs a graph query:
     * {@code following} answers "follows the author?" and {@code hidden} (a superset of the accounts
     * blocked either way, see {@link SocialGraph#hiddenFrom}) rules out a block for everyone else.
     */
    public Viewer viewer(long viewerId, Set<Long> following, Set<Long> hidden) {
        return new Viewer(viewerId, following, hidden);
    }

    /** The status {@code id} if {@code viewer} may see it; 404 otherwise. */
    public StatusRow require(Tx tx, Viewer viewer, long id) {
        StatusRow row = tx.mapper(StatusMapper.class).byId(id);
        if (row == null || filter(tx, viewer, List.of(row)).isEmpty()) throw ApiException.notFound();
        return row;
    }

    /** The rows {@code viewer} may see, in their order. */
    public List<StatusRow> filter(Tx tx, Viewer viewer, List<StatusRow> rows) {
        if (rows.isEmpty()) return List.of();
        StatusMapper mapper = tx.mapper(StatusMapper.class);
        Set<Long> originalIds = new HashSet<>();
        for (StatusRow r : rows) if (r.isReblog()) originalIds.add(r.reblogOfId());
        Map<Long, StatusRow> originals = new HashMap<>();
        if (!originalIds.isEmpty()) mapper.byIds(originalIds).forEach(o -> originals.put(o.id(), o));
        // mentions matter only for private and direct posts
        Set<Long> needMentions = new HashSet<>();
        for (StatusRow r : rows) if (restricted(r)) needMentions.add(r.id());
        for (StatusRow o : originals.values()) if (restricted(o)) needMentions.add(o.id());
        Map<Long, Set<Long>> mentions = new HashMap<>();
        if (!needMentions.isEmpty()) {
            for (Ref m : mapper.mentions(needMentions)) mentions.computeIfAbsent(m.id(), k -> new HashSet<>()).add(m.target());
        }
        List<StatusRow> out = new ArrayList<>(rows.size());
        for (StatusRow r : rows) {
            if (!viewer.sees(r, mentions.getOrDefault(r.id(), Set.of()))) continue;
            if (r.isReblog()) {
                StatusRow o = originals.get(r.reblogOfId());
                if (o == null || !viewer.sees(o, mentions.getOrDefault(o.id(), Set.of()))) continue;
            }
            out.add(r);
        }
        return out;
    }

    private static boolean restricted(StatusRow r) {
        return r.visibility().equals("private") || r.visibility().equals("direct");
    }

    /** One viewer's checks, with the social graph answers cached for the request. */
    public final class Viewer {
        private final Long id;
        private final Set<Long> following;
        private final Set<Long> hidden;
        private final Map<Long, Boolean> authorOk = new HashMap<>();
        private final Map<Long, Boolean> blocked = new HashMap<>();
        private final Map<Long, Boolean> follows = new HashMap<>();

        private Viewer(Long id, Set<Long> following, Set<Long> hidden) {
            this.id = id;
            this.following = following;
            this.hidden = hidden;
        }

        /** The viewer's account, or null when logged out. */
        public Long id() {
            return id;
        }

        /** The rule for one status, given the accounts it mentions. */
        boolean sees(StatusRow s, Set<Long> mentioned) {
            if (s.deleted() || !authorOk(s.accountId())) return false;
            if (id != null && id == s.accountId()) return true;
            if (s.held()) return false;
            if (id != null && blocked(s.accountId())) return false;
            return switch (s.visibility()) {
                case "public", "unlisted" -> true;
                case "private" -> id != null && (mentioned.contains(id) || follows(s.accountId()));
                case "direct" -> id != null && mentioned.contains(id);
                default -> false;
            };
        }

        private boolean blocked(long author) {
            // outside the hidden set nobody is blocked either way; inside it, it may be a mere mute
            if (hidden != null && !hidden.contains(author)) return false;
            return blocked.computeIfAbsent(author, a -> graph.blockedEitherWay(id, a));
        }

        private boolean follows(long author) {
            if (following != null) return following.contains(author);
            return follows.computeIfAbsent(author, a -> graph.follows(id, a));
        }

        private boolean authorOk(long accountId) {
            return authorOk.computeIfAbsent(accountId, accounts::usable);
        }
    }
}
