package social.herd.accounts.impl;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.MoveMapper;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.GraphMapper;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountStats;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;

/**
 * Accounts and the social graph for other bundles (statuses, timelines, federation): they never
 * read this bundle's tables themselves.
 */
@Component(service = {AccountDirectory.class, SocialGraph.class})
public final class Directory implements AccountDirectory, SocialGraph {

    private final Database db;
    private final AccountViews views;

    @Activate
    public Directory(@Reference Database db, @Reference ServerSettings server,
                     @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.accounts)") SchemaReady schema) {
        this(db, server);
    }

    /** For tests. */
    public Directory(Database db, ServerSettings server) {
        this.db = db;
        this.views = new AccountViews(server);
    }

    @Override
    public Optional<AccountSummary> byId(long accountId) {
        return Optional.ofNullable(db.read(tx -> tx.mapper(AccountMapper.class).byId(accountId))).map(Directory::summary);
    }

    @Override
    public Optional<AccountSummary> localByUsername(String username) {
        if (username == null || username.isBlank()) return Optional.empty();
        return Optional.ofNullable(db.read(tx -> tx.mapper(AccountMapper.class).localByUsername(username)))
                .map(Directory::summary);
    }

    /** Moderation flags change rarely and are read on every public timeline page: kept a few seconds. */
    private record Flags(Set<Long> limited, Set<Long> sensitized, long loadedAt) {}

    private static final long FLAGS_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private volatile Flags flags;

    private Flags flags() {
        Flags f = flags;
        if (f == null || System.nanoTime() - f.loadedAt() > FLAGS_TTL_NANOS) {
            f = db.read(tx -> new Flags(Set.copyOf(tx.mapper(AccountMapper.class).silencedIds()),
                    Set.copyOf(tx.mapper(AccountMapper.class).sensitizedIds()), System.nanoTime()));
            flags = f;
        }
        return f;
    }

    @Override
    public List<Object> search(String q, int limit) {
        return List.copyOf(ProfileService.search(db, views, q, Math.max(1, Math.min(limit, 80))));
    }

    @Override
    public Set<Long> limited() {
        return flags().limited();
    }

    @Override
    public Set<Long> sensitized() {
        return flags().sensitized();
    }

    @Override
    public Optional<AccountSummary> byAcct(String username, String domain) {
        if (domain == null || domain.isBlank()) return localByUsername(username);
        if (username == null || username.isBlank()) return Optional.empty();
        return Optional.ofNullable(db.read(tx -> tx.mapper(AccountMapper.class).remoteByHandle(username, domain)))
                .map(Directory::summary);
    }

    @Override
    public Map<Long, Object> render(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) return Map.of();
        Set<Long> unique = new HashSet<>(accountIds);
        return db.read(tx -> {
            Map<Long, Object> out = new LinkedHashMap<>();
            for (AccountRow row : tx.mapper(AccountMapper.class).byIds(unique)) {
                if (row.suspendedAt() == null) out.put(row.id(), views.account(tx, row));
            }
            return out;
        });
    }

    @Override
    public List<String> alsoKnownAs(long accountId) {
        return db.read(tx -> tx.mapper(MoveMapper.class).aliases(accountId));
    }

    @Override
    public Optional<AccountStats> stats(long accountId) {
        return Optional.ofNullable(db.read(tx -> tx.mapper(AccountMapper.class).byId(accountId)))
                .map(r -> new AccountStats(r.createdAt(), r.followersCount(), r.statusesCount()));
    }

    @Override
    public int strangers(long authorId, Collection<Long> accountIds) {
        if (accountIds.isEmpty()) return 0;
        return db.read(tx -> tx.mapper(GraphMapper.class).strangers(authorId, accountIds));
    }

    @Override
    public boolean follows(long follower, long target) {
        return db.read(tx -> tx.mapper(GraphMapper.class).follows(follower, target));
    }

    @Override
    public List<Long> following(long accountId) {
        return db.read(tx -> tx.mapper(GraphMapper.class).following(accountId));
    }

    @Override
    public List<Long> localFollowers(long accountId) {
        return db.read(tx -> tx.mapper(GraphMapper.class).localFollowers(accountId));
    }

    @Override
    public boolean blockedEitherWay(long a, long b) {
        return db.read(tx -> tx.mapper(GraphMapper.class).blockedEitherWay(a, b));
    }

    @Override
    public Set<Long> hiddenFrom(long viewerId) {
        return Set.copyOf(db.read(tx -> tx.mapper(GraphMapper.class).hiddenFrom(viewerId)));
    }

    @Override
    public List<Long> notifiedFollowers(long accountId) {
        return db.read(tx -> tx.mapper(GraphMapper.class).notifiedFollowers(accountId));
    }

    @Override
    public Set<Long> reblogsHidden(long accountId) {
        return Set.copyOf(db.read(tx -> tx.mapper(GraphMapper.class).reblogsHidden(accountId)));
    }

    static AccountSummary summary(AccountRow a) {
        return new AccountSummary(a.id(), a.username(), a.domain(), a.locked(), a.suspendedAt() != null);
    }
}
