package social.herd.statuses.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import social.herd.api.db.Database;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.statuses.impl.db.InteractionMapper;
import social.herd.statuses.impl.db.PollMapper;
import social.herd.statuses.impl.db.PollRow;
import social.herd.statuses.impl.db.RemoteMapper;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.Json;

/**
 * Boosts, favourites and poll votes of remote accounts ({@code Announce}, {@code Like},
 * {@code Undo}, poll answers), for {@link FederatedStatusesComponent}. The rules are the local
 * ones: the status must be visible to the remote account (its followers-only posts to its
 * followers), counters move only when a row really came or went, and the same events are published.
 */
final class RemoteInteractions {

    private final Database db;
    private final IdGenerator ids;
    private final StatusVisibility visibility;
    private final StatusEvents events;
    private final Clock clock;

    RemoteInteractions(Database db, IdGenerator ids, StatusVisibility visibility, StatusEvents events, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.visibility = visibility;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores the boost; a repeated Announce (same uri), or another one of a status the account
     * boosts already, answers the existing boost.
     *
     * @throws IllegalArgumentException when the status is unknown, invisible to the account, or may
     *                                  not be boosted (direct, held, someone else's followers-only post)
     */
    long reblog(long accountId, long statusId, String announceUri, Instant published, String requested) {
        if (announceUri == null || announceUri.isBlank()) throw new IllegalArgumentException("An Announce needs a uri");
        return db.transaction(tx -> {
            RemoteMapper r = tx.mapper(RemoteMapper.class);
            StatusRow existing = r.byUri(announceUri);
            if (existing != null) return existing.id();
            StatusMapper m = tx.mapper(StatusMapper.class);
            StatusRow original = visibleOriginal(tx, accountId, statusId);
            boolean own = original != null && original.accountId() == accountId;
            if (original == null || original.held() || original.visibility().equals("direct")
                    || original.visibility().equals("private") && !own) {
                throw new IllegalArgumentException("Status " + statusId + " cannot be boosted by account " + accountId);
            }
            // a boost never shows a post to more people than the post itself does
            String vis = requested == null ? "public" : requested.strip().toLowerCase(Locale.ROOT);
            if (original.visibility().equals("private") || !vis.equals("public") && !vis.equals("unlisted")) vis = "private";
            Instant now = clock.instant();
            Instant created = published == null || published.isAfter(now) ? now : published;
            StatusRow reblog = new StatusRow(ids.nextId(), accountId, "", "", "", false, vis, null, null, original.id(),
                    original.accountId(), null, false, false, false, created, null, null, 0, 0, 0);
            if (r.insert(reblog, announceUri, null, null, null) > 0) {
                m.addReblogs(original.id(), 1);
                events.created(tx, reblog);
                return reblog.id();
            }
            // the same Announce delivered concurrently, or a second Announce of a status already boosted
            StatusRow again = r.byUri(announceUri);
            if (again == null) again = m.reblogBy(accountId, original.id());
            if (again == null) throw new IllegalStateException("Boost " + announceUri + " conflicts and is not stored");
            return again.id();
        });
    }

    boolean undoReblog(String announceUri, long accountId) {
        if (announceUri == null) return false;
        return db.transaction(tx -> {
            StatusRow reblog = tx.mapper(RemoteMapper.class).lockByUri(announceUri);
            if (reblog == null || !reblog.isReblog() || reblog.accountId() != accountId) return false;
            StatusMapper m = tx.mapper(StatusMapper.class);
            if (m.markDeleted(reblog.id(), clock.instant()) == 0) return false;
            m.addReblogs(reblog.reblogOfId(), -1);
            events.deleted(tx, reblog);
            return true;
        });
    }

    boolean favourite(long accountId, long statusId) {
        return db.transaction(tx -> {
            StatusRow s = visibleOriginal(tx, accountId, statusId);
            if (s == null) return false;
            if (tx.mapper(InteractionMapper.class).insertFavourite(ids.nextId(), accountId, s.id(), clock.instant()) == 0) {
                return false;
            }
            tx.mapper(StatusMapper.class).addFavourites(s.id(), 1);
            if (s.accountId() != accountId) events.favourited(tx, accountId, s);
            return true;
        });
    }

    boolean unfavourite(long accountId, long statusId) {
        return db.transaction(tx -> {
            // no visibility check: withdrawing is allowed whatever changed since
            StatusMapper m = tx.mapper(StatusMapper.class);
            StatusRow s = m.byId(statusId);
            if (s != null && s.isReblog()) s = m.byId(s.reblogOfId());
            if (s == null || tx.mapper(InteractionMapper.class).deleteFavourite(accountId, s.id()) == 0) return false;
            m.addFavourites(s.id(), -1);
            if (s.accountId() != accountId) events.unfavourited(tx, accountId, s);
            return true;
        });
    }

    /** A vote in a local poll, by PollService's rules; false instead of its 422s. */
    boolean vote(long accountId, long statusId, List<Integer> choices) {
        // List.of's contains(null) throws: look for a null choice one by one
        if (choices == null || choices.isEmpty() || choices.stream().anyMatch(Objects::isNull)) return false;
        return db.transaction(tx -> {
            StatusRow s = visibleOriginal(tx, accountId, statusId);
            // a remote poll's votes are counted by its own server
            if (s == null || !s.local() || s.id() != statusId) return false;
            PollMapper m = tx.mapper(PollMapper.class);
            PollRow poll = m.byStatus(statusId);
            if (poll == null || poll.remote() || poll.expired(clock.instant()) || poll.accountId() == accountId) return false;
            TreeSet<Integer> chosen = new TreeSet<>(choices);
            if (chosen.first() < 0 || chosen.last() >= PollViews.options(poll).size()) return false;
            if (!poll.multiple() && chosen.size() > 1) return false;
            if (m.vote(poll.id(), accountId, Json.write(List.copyOf(chosen)), clock.instant()) == 0) return false;
            events.pollVoted(tx, accountId, statusId, poll.accountId(), List.copyOf(chosen));
            return true;
        });
    }

    /** The status (the boosted one for a boost) if the account may see it, else null. */
    private StatusRow visibleOriginal(Tx tx, long accountId, long statusId) {
        StatusMapper m = tx.mapper(StatusMapper.class);
        StatusRow s = m.byId(statusId);
        if (s != null && s.isReblog()) s = m.byId(s.reblogOfId());
        if (s == null) return null;
        return visibility.filter(tx, visibility.viewer(accountId), List.of(s)).isEmpty() ? null : s;
    }
}
