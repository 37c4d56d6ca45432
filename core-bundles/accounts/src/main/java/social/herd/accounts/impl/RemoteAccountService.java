package social.herd.accounts.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.FollowPair;
import social.herd.accounts.impl.db.RelationshipMapper;
import social.herd.accounts.impl.db.RemoteAccountValues;
import social.herd.accounts.impl.db.RemoteActorRow;
import social.herd.accounts.impl.db.RemoteMapper;
import social.herd.accounts.impl.db.RemovalMapper;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.events.EventTypes;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.id.IdGenerator;
import social.herd.web.api.Json;

/**
 * {@link RemoteAccounts}: remote actors stored as accounts with a domain, plus a
 * {@code remote_actors} row for what only federation reads (endpoints, key).
 *
 * <p>Writers of one actor are serialised by transaction-scoped advisory locks on its uri and its
 * {@code username@domain} (always taken in that order, so two writers never wait on each other in
 * a cycle): two inbox workers storing the same new actor at once make one account, and the
 * look-ups that decide between "refresh", "re-created actor" and "new" cannot be overtaken.
 *
 * <p>A key id is kept only when it is on the actor's own host (as ActivityPub requires), so an
 * actor document on one server can never claim another server's key.
 */
@Component(service = RemoteAccounts.class)
public final class RemoteAccountService implements RemoteAccounts {

    /** The Account entity shows at most this many fields, as Mastodon's default. */
    static final int FIELDS_MAX = 4;

    private static final TypeReference<List<Map<String, String>>> FIELDS = new TypeReference<>() {};

    private final Database db;
    private final IdGenerator ids;
    private final AccountEvents events;
    private final GraphWrites graph;
    private final Clock clock;

    @Activate
    public RemoteAccountService(@Reference Database db, @Reference IdGenerator ids, @Reference AccountEvents events,
                                @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, ids, events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public RemoteAccountService(Database db, IdGenerator ids, AccountEvents events, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.events = events;
        this.graph = new GraphWrites(ids, events);
        this.clock = clock;
    }

    @Override
    public long upsert(RemoteActor actor) {
        RemoteAccountValues v = values(actor);
        Instant now = clock.instant();
        return db.transaction(tx -> {
            RemoteMapper remote = tx.mapper(RemoteMapper.class);
            AccountMapper accounts = tx.mapper(AccountMapper.class);
            remote.lock(RemoteMapper.LOCK_URI, v.uri());
            remote.lock(RemoteMapper.LOCK_HANDLE, v.username().toLowerCase(Locale.ROOT) + "@" + v.domain());
            Long byUri = remote.idByUri(v.uri());
            AccountRow byHandle = accounts.remoteByHandle(v.username(), v.domain());
            long id;
            RemoteAccountValues write = v;
            if (byUri != null) {
                id = byUri;
                if (byHandle != null && byHandle.id() != id) {
                    // the new name belongs to another stored actor: keep ours until that one is refreshed
                    AccountRow current = accounts.byId(id);
                    write = withHandle(v, current.username(), current.domain());
                }
            } else if (byHandle != null) {
                // the remote server re-created the actor: the account takes the new uri
                id = byHandle.id();
                remote.reviveDeleted(id, now);
            } else {
                id = ids.nextId();
                remote.insertAccount(id, v, now);
            }
            boolean changed = (byUri != null || byHandle != null) && remote.updateAccount(id, write, now) > 0;
            if (v.keyId() != null) remote.releaseKeyId(v.keyId(), id);
            remote.upsertActor(id, v, now);
            if (changed) events.account(tx, EventTypes.ACCOUNT_UPDATED, id);
            return id;
        });
    }

    @Override
    public Optional<RemoteAccount> byId(long accountId) {
        return Optional.ofNullable(db.read(tx -> tx.mapper(RemoteMapper.class).byId(accountId)))
                .map(RemoteAccountService::account);
    }

    @Override
    public Map<Long, RemoteAccount> byIds(Collection<Long> accountIds) {
        if (accountIds == null || accountIds.isEmpty()) return Map.of();
        List<Long> unique = accountIds.stream().distinct().toList();
        Map<Long, RemoteAccount> out = new LinkedHashMap<>();
        for (RemoteActorRow row : db.read(tx -> tx.mapper(RemoteMapper.class).byIds(unique))) {
            out.put(row.accountId(), account(row));
        }
        return out;
    }

    @Override
    public Optional<RemoteAccount> byUri(String uri) {
        if (uri == null || uri.isBlank()) return Optional.empty();
        return Optional.ofNullable(db.read(tx -> tx.mapper(RemoteMapper.class).byUri(uri)))
                .map(RemoteAccountService::account);
    }

    @Override
    public Optional<RemoteAccount> byKeyId(String keyId) {
        if (keyId == null || keyId.isBlank()) return Optional.empty();
        return Optional.ofNullable(db.read(tx -> tx.mapper(RemoteMapper.class).byKeyId(keyId)))
                .map(RemoteAccountService::account);
    }

    @Override
    public Optional<RemoteAccount> byHandle(String username, String domain) {
        if (username == null || username.isBlank() || domain == null || domain.isBlank()) return Optional.empty();
        return Optional.ofNullable(db.read(tx -> tx.mapper(RemoteMapper.class).byHandle(username, domain)))
                .map(RemoteAccountService::account);
    }

    /**
     * Suspends the account (hidden everywhere, as a suspended local one), forgets its key and
     * removes its follows and requests both ways with the other side's counters corrected and
     * {@code account.unfollowed} for each, so notifications and timelines let go of it too.
     */
    @Override
    public void deleted(long accountId) {
        Instant now = clock.instant();
        db.transaction(tx -> {
            AccountRow a = tx.mapper(AccountMapper.class).byId(accountId);
            if (a == null || a.local()) return null; // a local account is never deleted from elsewhere
            tx.mapper(AccountMapper.class).suspend(accountId, now);
            tx.mapper(RemoteMapper.class).markDeleted(accountId, now);
            tx.mapper(RemovalMapper.class).uncountFollows(accountId);
            RelationshipMapper r = tx.mapper(RelationshipMapper.class);
            for (FollowPair p : r.deleteFollowsOf(accountId)) unfollowed(tx, p);
            for (FollowPair p : r.deleteFollowRequestsOf(accountId)) unfollowed(tx, p);
            return null;
        });
    }

    /**
     * Records the move ({@code account.updated} the first time), then moves the local followers
     * ({@link GraphWrites#moveFollowers}). A repeated call finds no followers left to move and
     * answers an empty list.
     */
    @Override
    public List<Long> moved(long accountId, long targetAccountId) {
        if (accountId == targetAccountId) return List.of();
        Instant now = clock.instant();
        return db.transaction(tx -> {
            AccountMapper accounts = tx.mapper(AccountMapper.class);
            AccountRow source = accounts.byId(accountId);
            AccountRow target = accounts.byId(targetAccountId);
            if (source == null || source.local() || target == null) return List.<Long>of();
            if (tx.mapper(RemoteMapper.class).setMovedTo(accountId, targetAccountId, now) > 0) {
                events.account(tx, EventTypes.ACCOUNT_UPDATED, accountId);
            }
            return graph.moveFollowers(tx, accountId, target, now);
        });
    }

    private void unfollowed(Tx tx, FollowPair p) {
        events.pair(tx, EventTypes.ACCOUNT_UNFOLLOWED, p.accountId(), p.targetAccountId());
    }

    /** The actor as it is written: checked and normalised. */
    static RemoteAccountValues values(RemoteActor a) {
        if (a == null || blank(a.uri()) || blank(a.username()) || blank(a.domain())) {
            throw new IllegalArgumentException("a remote actor needs a uri, a username and a domain");
        }
        List<Map<String, String>> fields = a.fields().stream().limit(FIELDS_MAX)
                .map(f -> Map.of("name", nonNull(f.name()), "value", nonNull(f.valueHtml()))).toList();
        return new RemoteAccountValues(a.username().strip(), a.domain().strip().toLowerCase(Locale.ROOT), a.uri(),
                a.url(), a.type(), nonNull(a.displayName()), nonNull(a.noteHtml()), a.locked(), a.bot(),
                a.discoverable(), a.indexable(), Json.write(fields), a.avatarUrl(), a.headerUrl(), a.published(),
                a.inbox(), a.sharedInbox(), a.outbox(), a.followers(), a.following(), a.featured(),
                ownKeyId(a.keyId(), a.uri()), a.publicKeyPem(), a.movedToUri());
    }

    /** {@code keyId} when it is on the same host as the actor, else null (the key is not the actor's). */
    static String ownKeyId(String keyId, String actorUri) {
        if (blank(keyId)) return null;
        try {
            String keyHost = URI.create(keyId).getHost();
            String actorHost = URI.create(actorUri).getHost();
            return keyHost != null && keyHost.equalsIgnoreCase(actorHost) ? keyId : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static RemoteAccountValues withHandle(RemoteAccountValues v, String username, String domain) {
        return new RemoteAccountValues(username, domain, v.uri(), v.url(), v.actorType(), v.displayName(), v.noteHtml(),
                v.locked(), v.bot(), v.discoverable(), v.indexable(), v.fields(), v.avatarUrl(), v.headerUrl(),
                v.published(), v.inbox(), v.sharedInbox(), v.outbox(), v.followers(), v.following(), v.featured(),
                v.keyId(), v.publicKeyPem(), v.movedToUri());
    }

    static RemoteAccount account(RemoteActorRow r) {
        List<Field> fields;
        try {
            fields = Json.mapper().readValue(r.fields(), FIELDS).stream()
                    .map(m -> new Field(m.getOrDefault("name", ""), m.getOrDefault("value", ""))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("accounts.fields is not a JSON array for account " + r.accountId(), e);
        }
        RemoteActor actor = new RemoteActor(r.uri(), r.username(), r.domain(), r.actorType(), r.displayName(),
                r.noteHtml(), r.url(), r.inbox(), r.sharedInbox(), r.outbox(), r.followers(), r.following(),
                r.featured(), r.keyId(), r.publicKeyPem(), r.avatarRemoteUrl(), r.headerRemoteUrl(), r.locked(),
                r.discoverable(), r.indexable(), fields, r.createdAt(), r.movedToUri());
        return new RemoteAccount(r.accountId(), actor, r.fetchedAt(), r.suspended());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
