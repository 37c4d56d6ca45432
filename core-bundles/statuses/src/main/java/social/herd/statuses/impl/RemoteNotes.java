package social.herd.statuses.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import social.herd.api.db.Database;
import social.herd.api.db.Tx;
import social.herd.api.federation.FederatedStatuses.RemoteNote;
import social.herd.api.federation.FederatedStatuses.RemotePoll;
import social.herd.api.id.IdGenerator;
import social.herd.statuses.impl.db.EditMapper;
import social.herd.statuses.impl.db.EditRow;
import social.herd.statuses.impl.db.PollMapper;
import social.herd.statuses.impl.db.PollRow;
import social.herd.statuses.impl.db.RemoteFact;
import social.herd.statuses.impl.db.RemoteMapper;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.Json;

/**
 * Remote posts arriving, changing and going ({@code Create}, {@code Update}, {@code Delete}), for
 * {@link FederatedStatusesComponent}. Each is one transaction that writes the row, its mentions,
 * tags and poll and publishes the same event as the local action would, so fan-out, notifications
 * and streaming need not know where a post came from.
 */
final class RemoteNotes {

    /** Statuses of a deleted actor removed per transaction: a big account must not hold one transaction for minutes. */
    static final int DELETE_BATCH = 100;

    private final Database db;
    private final IdGenerator ids;
    private final StatusEvents events;
    private final Clock clock;

    RemoteNotes(Database db, IdGenerator ids, StatusEvents events, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.events = events;
        this.clock = clock;
    }

    long create(RemoteNote n) {
        String visibility = visibility(n.visibility());
        if (n.uri() == null || n.uri().isBlank()) throw new IllegalArgumentException("A remote post needs a uri");
        return db.transaction(tx -> {
            RemoteMapper r = tx.mapper(RemoteMapper.class);
            StatusRow existing = r.byUri(n.uri());
            if (existing != null) return existing.id();
            StatusMapper m = tx.mapper(StatusMapper.class);
            Long parentId = null;
            Long parentAccount = null;
            if (n.inReplyToId() != null) {
                StatusRow parent = m.byId(n.inReplyToId());
                if (parent != null && !parent.isReblog()) {
                    parentId = parent.id();
                    parentAccount = parent.accountId();
                }
            }
            Instant now = clock.instant();
            // a date in the future (a skewed clock) would keep the post above everything newer
            Instant created = n.published() == null || n.published().isAfter(now) ? now : n.published();
            StatusRow row = new StatusRow(ids.nextId(), n.accountId(), "", nonNull(n.contentHtml()), nonNull(n.spoilerText()),
                    n.sensitive(), visibility, parentId, parentAccount, null, null, language(n.language()), false, n.held(),
                    !n.media().isEmpty(), created, n.edited(), null, 0, 0, 0);
            if (r.insert(row, n.uri(), blankToNull(n.url()), RemoteViews.mediaJson(n.media()),
                    RemoteViews.emojisJson(n.emojis())) == 0) {
                // a concurrent delivery of the same post committed first (the insert waited for it)
                StatusRow other = r.byUri(n.uri());
                if (other == null) throw new IllegalStateException("Status " + n.uri() + " conflicts and is not stored");
                return other.id();
            }
            writeMentionsAndTags(m, row.id(), n, now);
            if (validPoll(n.poll())) insertPoll(tx, row, n.poll(), now);
            // counted while held, like a held local reply: rejecting it takes it off again
            if (parentId != null) m.addReplies(parentId, 1);
            events.created(tx, row);
            return row.id();
        });
    }

    boolean update(RemoteNote n) {
        if (n.uri() == null) return false;
        return db.transaction(tx -> {
            RemoteMapper r = tx.mapper(RemoteMapper.class);
            StatusRow row = r.lockByUri(n.uri());
            if (row == null || row.local() || row.isReblog() || row.accountId() != n.accountId()) return false;
            RemoteFact before = r.facts(new Long[] {row.id()}).get(0);
            PollMapper polls = tx.mapper(PollMapper.class);
            PollRow poll = polls.byStatus(row.id());
            RemotePoll next = validPoll(n.poll()) ? n.poll() : null;
            List<String> previousOptions = poll == null ? null : PollViews.options(poll);
            String content = nonNull(n.contentHtml());
            String spoiler = nonNull(n.spoilerText());
            // new counts of a poll alone are no edit: no history entry, no "edited" notifications
            boolean edited = !row.content().equals(content) || !row.spoilerText().equals(spoiler)
                    || row.sensitive() != n.sensitive() || !RemoteViews.media(before.remoteMedia()).equals(n.media())
                    || !Objects.equals(previousOptions, next == null ? null : next.options());
            Instant now = clock.instant();
            Instant editedAt = row.editedAt();
            if (edited) {
                tx.mapper(EditMapper.class).insertEdit(new EditRow(ids.nextId(), row.id(), row.text(), row.content(),
                        row.spoilerText(), row.sensitive(), row.language(), poll == null ? null : poll.options(), null,
                        row.editedAt() != null ? row.editedAt() : row.createdAt(), before.remoteMedia()));
                editedAt = n.edited() != null && !n.edited().isAfter(now) ? n.edited() : now;
            }
            r.update(row.id(), content, spoiler, n.sensitive(), language(n.language()), !n.media().isEmpty(),
                    blankToNull(n.url()), RemoteViews.mediaJson(n.media()), RemoteViews.emojisJson(n.emojis()), editedAt);
            if (edited) {
                EditMapper e = tx.mapper(EditMapper.class);
                e.deleteMentions(row.id());
                e.deleteTags(row.id());
                writeMentionsAndTags(tx.mapper(StatusMapper.class), row.id(), n, now);
            }
            if (next != null && poll != null && previousOptions.equals(next.options()) && poll.multiple() == next.multiple()) {
                polls.updateRemoteCounts(poll.id(), Json.write(votes(next)), next.votersCount(), next.expiresAt(), now);
            } else if (next != null || poll != null) {
                // other options: the old votes no longer mean anything
                if (poll != null) polls.delete(poll.id());
                if (next != null) insertPoll(tx, row, next, now);
            }
            if (edited) events.updated(tx, tx.mapper(StatusMapper.class).byId(row.id()));
            return true;
        });
    }

    boolean delete(String uri, long accountId) {
        if (uri == null) return false;
        return db.transaction(tx -> {
            StatusRow row = tx.mapper(RemoteMapper.class).lockByUri(uri);
            // only its author may delete a post: a Delete from anyone else changes nothing
            if (row == null || row.local() || row.accountId() != accountId) return false;
            return remove(tx, row);
        });
    }

    int deleteAllOf(long accountId) {
        int total = 0;
        while (true) {
            int[] batch = db.transaction(tx -> {
                List<StatusRow> rows = tx.mapper(RemoteMapper.class).liveOf(accountId, DELETE_BATCH);
                int removed = 0;
                for (StatusRow row : rows) if (remove(tx, row)) removed++;
                return new int[] {rows.size(), removed};
            });
            total += batch[1];
            if (batch[0] < DELETE_BATCH) return total;
        }
    }

    /** Tombstones a status as a local delete does: counters, boosts of it, {@code status.deleted}. */
    private boolean remove(Tx tx, StatusRow row) {
        StatusMapper m = tx.mapper(StatusMapper.class);
        Instant now = clock.instant();
        if (m.markDeleted(row.id(), now) == 0) return false;
        if (row.inReplyToId() != null) m.addReplies(row.inReplyToId(), -1);
        if (row.isReblog()) m.addReblogs(row.reblogOfId(), -1);
        m.deleteReblogsOf(row.id(), now);
        events.deleted(tx, row);
        return true;
    }

    private void writeMentionsAndTags(StatusMapper m, long statusId, RemoteNote n, Instant now) {
        for (Long account : new LinkedHashSet<>(n.mentions())) if (account != null) m.insertMention(statusId, account);
        for (String tag : tags(n.tags())) m.insertStatusTag(statusId, m.upsertTag(ids.nextId(), tag, now));
    }

    private void insertPoll(Tx tx, StatusRow status, RemotePoll poll, Instant now) {
        tx.mapper(PollMapper.class).insertRemote(ids.nextId(), status.id(), status.accountId(), Json.write(poll.options()),
                poll.multiple(), poll.expiresAt(), Json.write(votes(poll)), poll.votersCount(), now);
    }

    /** The counts, one per option (missing ones 0), as the table's CHECK and the rendering expect. */
    private static List<Integer> votes(RemotePoll poll) {
        List<Integer> out = new ArrayList<>(poll.options().size());
        for (int i = 0; i < poll.options().size(); i++) {
            Integer v = i < poll.votes().size() ? poll.votes().get(i) : null;
            out.add(v == null || v < 0 ? 0 : v);
        }
        return out;
    }

    /** Polls need two options (the table's CHECK); a remote "poll" with fewer is shown as the text alone. */
    private static boolean validPoll(RemotePoll poll) {
        return poll != null && poll.options().size() >= 2;
    }

    /** Lower-case hashtag names without {@code #}, each once. */
    static Set<String> tags(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : names) {
            if (t == null) continue;
            String name = t.strip();
            while (name.startsWith("#")) name = name.substring(1);
            if (!name.isEmpty()) out.add(name.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    static String visibility(String v) {
        String vis = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
        if (!PostingService.VISIBILITIES.contains(vis)) throw new IllegalArgumentException("Unknown visibility " + v);
        return vis;
    }

    private static String language(String language) {
        return language == null || language.isBlank() ? null : language.strip().toLowerCase(Locale.ROOT);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
