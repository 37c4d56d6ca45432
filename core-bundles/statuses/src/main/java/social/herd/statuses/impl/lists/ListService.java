package social.herd.statuses.impl.lists;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.api.kv.Feeds;
import social.herd.statuses.impl.AccountCache;
import social.herd.statuses.impl.db.ListMapper;
import social.herd.statuses.impl.db.ListRow;
import social.herd.statuses.impl.timelines.HomeTimeline;
import social.herd.web.api.ApiException;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/**
 * Lists ({@code /api/v1/lists}): an account's named sets of accounts it follows. Only the owner
 * sees a list: anyone else's is 404, as Mastodon. Members must be followed when added; an
 * unfollow removes them ({@link ListCleanup}). Changing what an exclusive list holds drops the
 * owner's home feed, which is then rebuilt without (or again with) those accounts' posts.
 */
@Component(service = ListService.class)
public final class ListService {

    /** Mastodon's List::PER_ACCOUNT_LIMIT. */
    static final int MAX_LISTS = 50;
    static final Set<String> POLICIES = Set.of("followed", "list", "none");

    /** Mastodon's List entity. */
    public record ListEntity(String id, String title, String repliesPolicy, boolean exclusive) {
        static ListEntity of(ListRow r) {
            return new ListEntity(Long.toString(r.id()), r.title(), r.repliesPolicy(), r.exclusive());
        }
    }

    private final Database db;
    private final IdGenerator ids;
    private final SocialGraph graph;
    private final AccountCache accounts;
    private final Clock clock;
    private volatile Feeds feeds;

    @Activate
    public ListService(@Reference Database db, @Reference IdGenerator ids, @Reference SocialGraph graph,
                       @Reference AccountCache accounts,
                       @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, ids, graph, accounts, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public ListService(Database db, IdGenerator ids, SocialGraph graph, AccountCache accounts, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.graph = graph;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setFeeds(Feeds feeds) {
        this.feeds = feeds;
    }

    public void unsetFeeds(Feeds gone) {
        if (this.feeds == gone) this.feeds = null;
    }

    public List<ListEntity> lists(long owner) {
        return db.read(tx -> tx.mapper(ListMapper.class).byOwner(owner).stream().map(ListEntity::of).toList());
    }

    public ListEntity get(long owner, long id) {
        return ListEntity.of(db.read(tx -> own(tx, owner, id)));
    }

    /** A new list; 422 for a blank title, an unknown replies policy or the 51st list. */
    public ListEntity create(long owner, String title, String repliesPolicy, Boolean exclusive) {
        String t = title(title);
        String policy = policy(repliesPolicy, "list");
        return db.transaction(tx -> {
            ListMapper m = tx.mapper(ListMapper.class);
            if (m.countByOwner(owner) >= MAX_LISTS) {
                throw ApiException.unprocessable("Validation failed: You have reached the maximum number of lists");
            }
            ListRow row = new ListRow(ids.nextId(), owner, t, policy, Boolean.TRUE.equals(exclusive), clock.instant());
            m.insert(row);
            return ListEntity.of(row);
        });
    }

    /** Changes what is given (null: unchanged). */
    public ListEntity update(long owner, long id, String title, String repliesPolicy, Boolean exclusive) {
        String t = title == null ? null : title(title);
        return db.transaction(tx -> {
            ListRow r = own(tx, owner, id);
            ListRow changed = new ListRow(r.id(), owner, t == null ? r.title() : t, policy(repliesPolicy, r.repliesPolicy()),
                    exclusive == null ? r.exclusive() : exclusive, r.createdAt());
            tx.mapper(ListMapper.class).update(changed);
            if (changed.exclusive() != r.exclusive()) dropHomeFeed(tx, owner);
            return ListEntity.of(changed);
        });
    }

    public void delete(long owner, long id) {
        db.transaction(tx -> {
            ListRow r = own(tx, owner, id);
            tx.mapper(ListMapper.class).delete(id);
            if (r.exclusive()) dropHomeFeed(tx, owner);
            return null;
        });
    }

    /** Members' Account entities by account id, newest first; a {@code limit} of 0 answers all of them. */
    public Page<Object> accounts(long owner, long id, PageRequest page, boolean all) {
        List<Long> members = db.read(tx -> {
            own(tx, owner, id);
            return tx.mapper(ListMapper.class).members(id, page.maxId(), page.sinceId(), page.minId(), all ? 0 : page.limit());
        });
        List<Long> ordered = new ArrayList<>(members);
        if (page.ascending()) java.util.Collections.reverse(ordered);
        Map<Long, Object> rendered = accounts.render(ordered);
        List<Object> items = ordered.stream().filter(rendered::containsKey).map(rendered::get).toList();
        if (all) return new Page<>(items, null, null);
        Long next = ordered.size() >= page.limit() ? ordered.get(ordered.size() - 1) : null;
        return new Page<>(items, next, ordered.isEmpty() ? null : ordered.get(0));
    }

    /** Adds accounts the owner follows; 404 for unknown accounts, 422 for unfollowed or present ones. */
    public void addAccounts(long owner, long id, List<Long> accountIds) {
        Set<Long> following = new HashSet<>(graph.following(owner));
        for (Long a : accountIds) {
            if (!accounts.usable(a)) throw ApiException.notFound();
            if (!following.contains(a)) throw ApiException.unprocessable("Validation failed: Account is not followed");
        }
        db.transaction(tx -> {
            ListRow r = own(tx, owner, id);
            ListMapper m = tx.mapper(ListMapper.class);
            for (Long a : accountIds) {
                if (m.addMember(id, a, clock.instant()) == 0) {
                    throw ApiException.unprocessable("Validation failed: Account has already been taken");
                }
            }
            if (r.exclusive() && !accountIds.isEmpty()) dropHomeFeed(tx, owner);
            return null;
        });
    }

    public void removeAccounts(long owner, long id, List<Long> accountIds) {
        db.transaction(tx -> {
            ListRow r = own(tx, owner, id);
            int removed = 0;
            for (Long a : accountIds) removed += tx.mapper(ListMapper.class).removeMember(id, a);
            if (r.exclusive() && removed > 0) dropHomeFeed(tx, owner);
            return null;
        });
    }

    /** The owner's lists that hold {@code accountId} ({@code GET /api/v1/accounts/:id/lists}). */
    public List<ListEntity> containing(long owner, long accountId) {
        if (!accounts.usable(accountId)) throw ApiException.notFound();
        return db.read(tx -> tx.mapper(ListMapper.class).containing(owner, accountId).stream().map(ListEntity::of).toList());
    }

    /** The list if {@code owner} owns it; 404 otherwise. */
    static ListRow own(Tx tx, long owner, long id) {
        ListRow r = tx.mapper(ListMapper.class).byId(id);
        if (r == null || r.accountId() != owner) throw ApiException.notFound();
        return r;
    }

    private void dropHomeFeed(Tx tx, long owner) {
        Feeds f = feeds;
        if (f == null) return;
        tx.afterCommit(() -> {
            try {
                f.delete(List.of(HomeTimeline.feedKey(owner)));
            } catch (RuntimeException e) {
                // Redis away: reads use PostgreSQL now, and filter exclusive members at read time anyway
            }
        });
    }

    private static String title(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) throw ApiException.unprocessable("Validation failed: Title can't be blank");
        if (t.length() > 256) throw ApiException.unprocessable("Validation failed: Title is too long (maximum is 256 characters)");
        return t;
    }

    private static String policy(String value, String fallback) {
        if (value == null || value.isBlank()) return fallback;
        String p = value.strip().toLowerCase(Locale.ROOT);
        if (!POLICIES.contains(p)) throw ApiException.unprocessable("Validation failed: Replies policy is not included in the list");
        return p;
    }
}
