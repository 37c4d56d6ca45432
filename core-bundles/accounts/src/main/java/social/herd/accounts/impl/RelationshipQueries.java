package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.accounts.impl.RelationshipViews.FamiliarFollowers;
import social.herd.accounts.impl.RelationshipViews.MutedAccount;
import social.herd.web.api.Page;
import social.herd.accounts.impl.RelationshipViews.Relationship;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.DomainRow;
import social.herd.accounts.impl.db.PageRow;
import social.herd.accounts.impl.db.RelationshipMapper;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.web.api.ApiException;
import social.herd.web.api.PageRequest;

/**
 * Reading relationships: Relationship entities, followers/following, follow requests, blocks,
 * mutes, user-level domain blocks and familiar followers. Lists page by the relationship row's id
 * (as Mastodon does), newest first.
 */
@Component(service = RelationshipQueries.class)
public final class RelationshipQueries {

    /** Mastodon answers at most this many relationships or familiar-follower sets per request. */
    static final int MAX_IDS = 80;

    private final Database db;
    private final AccountViews views;
    private final Clock clock;

    @Activate
    public RelationshipQueries(@Reference Database db, @Reference ServerSettings server,
                               @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, server, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public RelationshipQueries(Database db, ServerSettings server, Clock clock) {
        this.db = db;
        this.views = new AccountViews(server);
        this.clock = clock;
    }

    /** The viewer's relationships to {@code ids}, in the order asked; unknown (and suspended) accounts left out. */
    public List<Relationship> relationships(long viewerId, List<Long> ids, boolean withSuspended) {
        List<Long> wanted = distinct(ids);
        if (wanted.isEmpty()) return List.of();
        Instant now = clock.instant();
        Map<Long, Relationship> byId = new LinkedHashMap<>();
        db.read(tx -> tx.mapper(RelationshipMapper.class).relationships(viewerId, wanted, withSuspended, now))
                .forEach(r -> byId.put(r.id(), RelationshipViews.relationship(r)));
        return wanted.stream().map(byId::get).filter(r -> r != null).toList();
    }

    /** One relationship inside a running transaction: what every write answers. */
    static Relationship relationship(Tx tx, long viewerId, long targetId, Instant now) {
        return RelationshipViews.relationship(
                tx.mapper(RelationshipMapper.class).relationships(viewerId, List.of(targetId), true, now).get(0));
    }

    public Page<AccountViews.Account> followers(long accountId, PageRequest page) {
        return accounts(accountId, page, true, (m) -> m.followers(accountId, page.maxId(), page.sinceId(),
                page.minId(), page.limit()));
    }

    public Page<AccountViews.Account> following(long accountId, PageRequest page) {
        return accounts(accountId, page, true, (m) -> m.following(accountId, page.maxId(), page.sinceId(),
                page.minId(), page.limit()));
    }

    public Page<AccountViews.Account> followRequests(long accountId, PageRequest page) {
        return accounts(accountId, page, false, (m) -> m.followRequests(accountId, page.maxId(), page.sinceId(),
                page.minId(), page.limit()));
    }

    public Page<AccountViews.Account> blocks(long accountId, PageRequest page) {
        return accounts(accountId, page, false, (m) -> m.blocks(accountId, page.maxId(), page.sinceId(),
                page.minId(), page.limit()));
    }

    public Page<MutedAccount> mutes(long accountId, PageRequest page) {
        Instant now = clock.instant();
        return db.read(tx -> {
            List<PageRow> rows = newestFirst(tx.mapper(RelationshipMapper.class).mutes(accountId, now, page.maxId(),
                    page.sinceId(), page.minId(), page.limit()), page);
            Map<Long, AccountRow> accounts = accountsOf(tx, rows);
            List<MutedAccount> items = rows.stream().filter(r -> accounts.containsKey(r.accountId()))
                    .map(r -> new MutedAccount(views.account(tx, accounts.get(r.accountId())), r.expiresAt())).toList();
            return page(items, rows, page, PageRow::id);
        });
    }

    /** The viewer's blocked domains, as Mastodon lists them: plain strings. */
    public Page<String> domainBlocks(long accountId, PageRequest page) {
        List<DomainRow> rows = newestFirst(db.read(tx -> tx.mapper(RelationshipMapper.class).domainBlocks(accountId,
                page.maxId(), page.sinceId(), page.minId(), page.limit())), page);
        return page(rows.stream().map(DomainRow::domain).toList(), rows, page, DomainRow::id);
    }

    /** For each account asked about (in order): accounts the viewer follows that follow it. */
    public List<FamiliarFollowers> familiarFollowers(long viewerId, List<Long> ids) {
        List<Long> wanted = distinct(ids);
        if (wanted.isEmpty()) return List.of();
        return db.read(tx -> {
            List<PageRow> rows = tx.mapper(RelationshipMapper.class).familiarFollowers(viewerId, wanted);
            Map<Long, AccountRow> accounts = accountsOf(tx, rows);
            List<FamiliarFollowers> out = new ArrayList<>();
            for (long id : wanted) {
                List<AccountViews.Account> familiar = rows.stream().filter(r -> r.id() == id)
                        .map(r -> accounts.get(r.accountId())).filter(a -> a != null).map(a -> views.account(tx, a))
                        .toList();
                out.add(new FamiliarFollowers(Long.toString(id), familiar));
            }
            return out;
        });
    }

    /** A page of accounts; {@code requireAccount}: 404 when the listed account is unknown or suspended. */
    private Page<AccountViews.Account> accounts(long accountId, PageRequest page, boolean requireAccount,
                                                Function<RelationshipMapper, List<PageRow>> query) {
        return db.read(tx -> {
            if (requireAccount) {
                AccountRow owner = tx.mapper(AccountMapper.class).byId(accountId);
                if (owner == null || owner.suspendedAt() != null) throw ApiException.notFound();
            }
            List<PageRow> rows = newestFirst(query.apply(tx.mapper(RelationshipMapper.class)), page);
            Map<Long, AccountRow> accounts = accountsOf(tx, rows);
            List<AccountViews.Account> items = rows.stream().map(r -> accounts.get(r.accountId()))
                    .filter(a -> a != null).map(a -> views.account(tx, a)).toList();
            return page(items, rows, page, PageRow::id);
        });
    }

    private static Map<Long, AccountRow> accountsOf(Tx tx, List<PageRow> rows) {
        Map<Long, AccountRow> out = new LinkedHashMap<>();
        if (rows.isEmpty()) return out;
        List<Long> ids = rows.stream().map(PageRow::accountId).distinct().toList();
        tx.mapper(AccountMapper.class).byIds(ids).forEach(a -> out.put(a.id(), a));
        return out;
    }

    /** Rows read oldest first from {@code min_id} are turned around: every page answers newest first. */
    private static <R> List<R> newestFirst(List<R> rows, PageRequest page) {
        if (!page.ascending()) return rows;
        List<R> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        return reversed;
    }

    /**
     * Links as Mastodon sets them: "next" only after a full page (there may be more), "prev" for
     * any non-empty page. Computed from the rows read, so a row whose account vanished between the
     * two queries still moves the cursor.
     */
    private static <T, R> Page<T> page(List<T> items, List<R> rows, PageRequest page, Function<R, Long> id) {
        Long next = rows.size() >= page.limit() ? id.apply(rows.get(rows.size() - 1)) : null;
        Long prev = rows.isEmpty() ? null : id.apply(rows.get(0));
        return new Page<>(items, next, prev);
    }

    private static List<Long> distinct(List<Long> ids) {
        return new LinkedHashSet<>(ids).stream().limit(MAX_IDS).toList();
    }
}
