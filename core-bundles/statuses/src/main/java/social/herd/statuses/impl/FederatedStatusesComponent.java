package social.herd.statuses.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.federation.FederatedStatuses;
import social.herd.api.id.IdGenerator;
import social.herd.statuses.impl.db.RemoteFact;
import social.herd.statuses.impl.db.RemoteMapper;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;

/**
 * Federation's way into statuses: remote posts and their edits and deletions ({@link RemoteNotes}),
 * remote boosts, favourites and votes ({@link RemoteInteractions}), and the look-ups and
 * collections federation publishes (here). Remote statuses are ordinary rows with
 * {@code local = false} and their ActivityPub id in {@code uri}; local ones have no stored uri,
 * theirs is computed from the public URL as {@link StatusViews} shows it.
 */
@Component(service = FederatedStatuses.class)
public final class FederatedStatusesComponent implements FederatedStatuses {

    /** The paths of a local status's id and page (and of a local boost's id): {@code /users/x/statuses/1}, {@code /@x/1}. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/users/([^/]+)/statuses/([0-9]{1,19})(/activity)?|/@([^/]+)/([0-9]{1,19})");
    private static final List<String> PUBLIC = List.of("public", "unlisted");
    private static final List<String> FOLLOWERS = List.of("public", "unlisted", "private");

    private final Database db;
    private final StatusViews views;
    private final AccountCache accounts;
    private final RemoteNotes notes;
    private final RemoteInteractions interactions;

    @Activate
    public FederatedStatusesComponent(@Reference Database db, @Reference IdGenerator ids,
                                      @Reference StatusVisibility visibility, @Reference StatusViews views,
                                      @Reference StatusEvents events, @Reference AccountCache accounts,
                                      @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, ids, visibility, views, events, accounts, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public FederatedStatusesComponent(Database db, IdGenerator ids, StatusVisibility visibility, StatusViews views,
                                      StatusEvents events, AccountCache accounts, Clock clock) {
        this.db = db;
        this.views = views;
        this.accounts = accounts;
        this.notes = new RemoteNotes(db, ids, events, clock);
        this.interactions = new RemoteInteractions(db, ids, visibility, events, clock);
    }

    @Override
    public long create(RemoteNote note) {
        return notes.create(note);
    }

    @Override
    public boolean update(RemoteNote note) {
        return notes.update(note);
    }

    @Override
    public boolean delete(String uri, long accountId) {
        return notes.delete(uri, accountId);
    }

    @Override
    public int deleteAllOf(long accountId) {
        return notes.deleteAllOf(accountId);
    }

    /** @throws IllegalArgumentException when the status is unknown, invisible to the account or not boostable */
    @Override
    public long reblog(long accountId, long statusId, String announceUri, Instant published, String visibility) {
        return interactions.reblog(accountId, statusId, announceUri, published, visibility);
    }

    @Override
    public boolean undoReblog(String announceUri, long accountId) {
        return interactions.undoReblog(announceUri, accountId);
    }

    @Override
    public boolean favourite(long accountId, long statusId) {
        return interactions.favourite(accountId, statusId);
    }

    @Override
    public boolean unfavourite(long accountId, long statusId) {
        return interactions.unfavourite(accountId, statusId);
    }

    @Override
    public boolean vote(long accountId, long statusId, List<Integer> choices) {
        return interactions.vote(accountId, statusId, choices);
    }

    @Override
    public Optional<Long> idByUri(String uri) {
        if (uri == null || uri.isBlank()) return Optional.empty();
        return db.read(tx -> {
            StatusRow stored = tx.mapper(RemoteMapper.class).byUri(uri);
            if (stored != null) return stored.deleted() ? Optional.<Long>empty() : Optional.of(stored.id());
            return localId(tx.mapper(StatusMapper.class), uri);
        });
    }

    /** A local status by the uri or url this server gave it, checked against the author's username. */
    private Optional<Long> localId(StatusMapper m, String uri) {
        String base = views.baseUrl();
        if (!uri.regionMatches(true, 0, base, 0, base.length())) return Optional.empty();
        Matcher p = LOCAL_PATH.matcher(uri.substring(base.length()));
        if (!p.matches()) return Optional.empty();
        boolean page = p.group(1) == null;
        String username = page ? p.group(4) : p.group(1);
        boolean boost = p.group(3) != null;
        long id;
        try {
            id = Long.parseLong(page ? p.group(5) : p.group(2));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        StatusRow row = m.byId(id);
        if (row == null || row.deleted() || !row.local() || row.isReblog() != boost) return Optional.empty();
        boolean author = accounts.summary(row.accountId()).filter(a -> a.local() && a.username().equalsIgnoreCase(username))
                .isPresent();
        return author ? Optional.of(id) : Optional.empty();
    }

    @Override
    public Map<Long, String> uris(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        List<RemoteFact> facts = db.read(tx -> tx.mapper(RemoteMapper.class).facts(statusIds.toArray(Long[]::new)));
        Map<Long, String> out = new LinkedHashMap<>();
        for (RemoteFact f : facts) {
            if (f.uri() != null) out.put(f.id(), f.uri());
            else accounts.summary(f.accountId()).ifPresent(a -> out.put(f.id(), views.localUri(a.username(), f.id(), f.reblog())));
        }
        return out;
    }

    @Override
    public List<Long> outbox(long accountId, Long maxId, int limit, boolean withPrivate) {
        if (limit <= 0) return List.of();
        return db.read(tx -> tx.mapper(RemoteMapper.class).outbox(accountId, maxId, limit, withPrivate ? FOLLOWERS : PUBLIC));
    }

    @Override
    public long outboxSize(long accountId) {
        return db.read(tx -> tx.mapper(RemoteMapper.class).outboxSize(accountId));
    }

    @Override
    public List<Long> pinned(long accountId) {
        return db.read(tx -> tx.mapper(RemoteMapper.class).pinned(accountId));
    }

    @Override
    public List<Long> selfReplies(long statusId, int limit) {
        if (limit <= 0) return List.of();
        return db.read(tx -> tx.mapper(RemoteMapper.class).selfReplies(statusId, limit));
    }

    @Override
    public long localPostCount() {
        return db.read(tx -> tx.mapper(RemoteMapper.class).localPostCount());
    }
}
