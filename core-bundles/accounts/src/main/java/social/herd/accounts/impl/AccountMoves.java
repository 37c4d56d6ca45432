package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.MoveMapper;
import social.herd.accounts.impl.db.RemoteMapper;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.events.EventTypes;
import social.herd.api.federation.Resolver;
import social.herd.api.id.IdGenerator;
import social.herd.web.api.ApiException;

/**
 * Account migration started here, in GoToSocial's API shapes: a user lists the accounts that may
 * move to theirs ({@code alsoKnownAs}), and moves theirs to an account that lists it. The move
 * sets {@code moved}, moves the local followers at once and publishes {@code account.moved}, on
 * which federation sends {@code Move} so remote followers' servers move theirs.
 *
 * <p>The target must name this account among its aliases, checked on a freshly fetched actor
 * document for a remote target (a cached copy could be stale or forged by nobody but its owner's
 * server), so nobody can take another account's followers.
 */
@Component(service = AccountMoves.class)
public final class AccountMoves {

    /** Aliases an account may list (Mastodon's settings page takes one at a time; this is ample). */
    static final int ALIASES_MAX = 10;
    /** Mastodon's cool-down between two moves of one account. */
    static final Duration COOLDOWN = Duration.ofDays(30);
    private static final int REF_MAX = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(AccountMoves.class);

    private final Database db;
    private final IdGenerator ids;
    private final AccountEvents events;
    private final PasswordService passwords;
    private final ProfileService profiles;
    private final ServerSettings server;
    private final AccountViews views;
    private final GraphWrites graph;
    private final Clock clock;

    /** Federation's resolver: finds and re-fetches accounts of other servers; without it only local moves work. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Resolver resolver;

    @Activate
    public AccountMoves(@Reference Database db, @Reference IdGenerator ids, @Reference AccountEvents events,
                        @Reference PasswordService passwords, @Reference ProfileService profiles,
                        @Reference ServerSettings server,
                        @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, ids, events, passwords, profiles, server, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public AccountMoves(Database db, IdGenerator ids, AccountEvents events, PasswordService passwords,
                        ProfileService profiles, ServerSettings server, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.events = events;
        this.passwords = passwords;
        this.profiles = profiles;
        this.server = server;
        this.views = new AccountViews(server);
        this.graph = new GraphWrites(ids, events);
        this.clock = clock;
    }

    /** The actor ids {@code accountId} also answers to. */
    public List<String> aliases(long accountId) {
        return db.read(tx -> tx.mapper(MoveMapper.class).aliases(accountId));
    }

    /**
     * Replaces the aliases of {@code accountId}; each reference is an actor id, a profile URL or
     * a {@code user@domain} handle, resolved to the account's actor id (fetched when unknown).
     * An empty list removes them all. Remote followers hear an actor {@code Update}.
     *
     * @throws ApiException 422 when a reference names no account, names this one, or there are too many
     */
    public List<String> setAliases(long accountId, List<String> references) {
        if (references.size() > ALIASES_MAX) {
            throw ApiException.unprocessable("Validation failed: at most " + ALIASES_MAX + " aliases are allowed");
        }
        String own = ownUri(accountId);
        Set<String> uris = new LinkedHashSet<>();
        for (String ref : references) {
            Named n = find(ref);
            if (n.uri().equals(own)) throw ApiException.unprocessable("Validation failed: an account cannot be its own alias");
            uris.add(n.uri());
        }
        Instant now = clock.instant();
        return db.transaction(tx -> {
            MoveMapper m = tx.mapper(MoveMapper.class);
            m.lock(accountId);
            List<String> before = m.aliases(accountId);
            m.clearAliases(accountId);
            for (String uri : uris) m.addAlias(accountId, uri, now);
            List<String> after = m.aliases(accountId);
            if (!Set.copyOf(before).equals(Set.copyOf(after))) events.account(tx, EventTypes.ACCOUNT_UPDATED, accountId);
            return after;
        });
    }

    /**
     * Moves {@code accountId} to the account {@code targetReference} names, after checking the
     * password, the target's aliases and the cool-down. Moving again to the same target sends the
     * {@code Move} again (a retry); to another one only after the cool-down.
     *
     * @throws ApiException 422 for a wrong password, an unknown or suspended target, a target that
     *     does not list this account, or a move within the cool-down
     */
    public void move(long accountId, String password, String targetReference) {
        if (!passwords.matches(accountId, password)) throw ApiException.unprocessable("Validation failed: Password is invalid");
        Named target = find(targetReference);
        String own = ownUri(accountId);
        if (target.uri().equals(own)) throw ApiException.unprocessable("Validation failed: an account cannot move to itself");
        if (!currentAliases(target).contains(own)) {
            throw ApiException.unprocessable("Validation failed: " + target.uri()
                    + " does not list this account as an alias (alsoKnownAs); add it there first");
        }
        Instant now = clock.instant();
        List<Long> moved = db.transaction(tx -> {
            MoveMapper m = tx.mapper(MoveMapper.class);
            m.lock(accountId);
            AccountRow source = tx.mapper(AccountMapper.class).byId(accountId);
            AccountRow to = tx.mapper(AccountMapper.class).byId(target.accountId());
            if (source == null || !source.local()) throw ApiException.notFound();
            if (to == null || to.suspendedAt() != null) throw ApiException.unprocessable("Validation failed: the target account is suspended");
            boolean again = Long.valueOf(to.id()).equals(source.movedToAccountId());
            Instant last = m.lastMove(accountId);
            if (!again && last != null && last.plus(COOLDOWN).isAfter(now)) {
                throw ApiException.unprocessable("Validation failed: this account moved on " + last
                        + " and can move again after " + last.plus(COOLDOWN));
            }
            if (!again) {
                tx.mapper(RemoteMapper.class).setMovedTo(accountId, to.id(), now);
                m.recordMove(ids.nextId(), accountId, to.id(), now);
                events.account(tx, EventTypes.ACCOUNT_UPDATED, accountId);
            }
            events.pair(tx, EventTypes.ACCOUNT_MOVED, accountId, to.id());
            return graph.moveFollowers(tx, accountId, to, now);
        });
        LOG.info("account moved account_id={} target={} local_followers_moved={}", accountId, target.uri(), moved.size());
    }

    /** An account a reference names, with its actor id. */
    record Named(long accountId, String uri, boolean local) {}

    private List<String> currentAliases(Named target) {
        if (target.local()) return aliases(target.accountId());
        Resolver r = resolver;
        if (r == null) throw ApiException.unprocessable("Validation failed: federation is not running");
        return r.refetch(target.uri()).map(Resolver.Published::alsoKnownAs)
                .orElseThrow(() -> ApiException.unprocessable("Validation failed: " + target.uri() + " could not be fetched"));
    }

    private String ownUri(long accountId) {
        AccountRow a = db.read(tx -> tx.mapper(AccountMapper.class).byId(accountId));
        if (a == null || !a.local()) throw ApiException.notFound();
        return views.actorUri(a.username());
    }

    /** The account {@code ref} names: an actor id or profile URL, or a handle; 422 when none. */
    Named find(String ref) {
        String r = ref == null ? "" : ref.strip();
        if (r.isEmpty() || r.length() > REF_MAX) throw ApiException.unprocessable("Validation failed: an account is required");
        Optional<AccountRow> found = r.startsWith("https://") || r.startsWith("http://") ? byUrl(r) : byHandle(r);
        AccountRow a = found.filter(x -> x.suspendedAt() == null)
                .orElseThrow(() -> ApiException.unprocessable("Validation failed: no account was found for " + r));
        if (a.local()) return new Named(a.id(), views.actorUri(a.username()), true);
        if (a.uri() == null) throw ApiException.unprocessable("Validation failed: no account was found for " + r);
        return new Named(a.id(), a.uri(), false);
    }

    private Optional<AccountRow> byUrl(String url) {
        String base = views.base();
        for (String prefix : List.of(base + "/users/", base + "/@")) {
            if (url.startsWith(prefix)) {
                String name = url.substring(prefix.length()).split("[/?#]", 2)[0];
                return Optional.ofNullable(db.read(tx -> tx.mapper(AccountMapper.class).localByUsername(name)));
            }
        }
        Optional<AccountRow> known = Optional.ofNullable(db.read(tx -> {
            Long id = tx.mapper(RemoteMapper.class).idByUri(url);
            return id == null ? null : tx.mapper(AccountMapper.class).byId(id);
        }));
        if (known.isPresent()) return known;
        Resolver resolver = this.resolver;
        if (resolver == null) return Optional.empty();
        return resolver.url(url).flatMap(f -> f instanceof Resolver.Found.Account acc ? Optional.of(acc.accountId()) : Optional.empty())
                .map(id -> db.read(tx -> tx.mapper(AccountMapper.class).byId(id)));
    }

    /** A handle, looked up as {@code /api/v1/accounts/lookup} does (fetched through federation when unknown). */
    private Optional<AccountRow> byHandle(String handle) {
        try {
            String id = profiles.lookup(handle.replaceFirst("^acct:", ""), server.localDomain(), server.webDomain()).id();
            return Optional.ofNullable(db.read(tx -> tx.mapper(AccountMapper.class).byId(Long.parseLong(id))));
        } catch (ApiException notFound) {
            return Optional.empty();
        }
    }
}
