package social.herd.statuses.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.api.media.MediaAttachments;
import social.herd.statuses.impl.StatusEntities.EditPoll;
import social.herd.statuses.impl.StatusEntities.EditPollOption;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.StatusEntities.StatusEdit;
import social.herd.statuses.impl.StatusEntities.StatusSource;
import social.herd.statuses.impl.db.EditMapper;
import social.herd.statuses.impl.db.EditRow;
import social.herd.statuses.impl.db.PollMapper;
import social.herd.statuses.impl.db.PollRow;
import social.herd.statuses.impl.db.RemoteFact;
import social.herd.statuses.impl.db.RemoteMapper;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * Editing a status, its edit history and its source. An edit passes the same checks, moderation
 * chain (as an edit) and rendering as a new post ({@link Composer}); then, in one transaction,
 * the version it replaces goes to {@code status_edits}, the status is rewritten, its mentions and
 * tags are extracted anew, and its media and poll are replaced as asked.
 */
@Component(service = EditService.class)
public final class EditService {

    private static final TypeReference<List<Long>> LONGS = new TypeReference<>() {};

    private final Database db;
    private final IdGenerator ids;
    private final AccountDirectory accounts;
    private final StatusVisibility visibility;
    private final StatusViews views;
    private final PostingService posting;
    private final StatusEvents events;
    private final Clock clock;

    @Activate
    public EditService(@Reference Database db, @Reference IdGenerator ids, @Reference AccountDirectory accounts,
                       @Reference StatusVisibility visibility, @Reference StatusViews views,
                       @Reference PostingService posting, @Reference StatusEvents events,
                       @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, ids, accounts, visibility, views, posting, events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public EditService(Database db, IdGenerator ids, AccountDirectory accounts, StatusVisibility visibility,
                       StatusViews views, PostingService posting, StatusEvents events, Clock clock) {
        this.db = db;
        this.events = events;
        this.ids = ids;
        this.accounts = accounts;
        this.visibility = visibility;
        this.views = views;
        this.posting = posting;
        this.clock = clock;
    }

    /** Edits the caller's own status (404 for anyone else's, as Mastodon) and answers it. */
    public Status edit(long accountId, long statusId, EditRequest in) {
        StatusRow current = db.read(tx -> tx.mapper(StatusMapper.class).byId(statusId));
        if (current == null || current.deleted() || current.isReblog() || current.accountId() != accountId) {
            throw ApiException.notFound();
        }
        MediaAttachments media = views.media();
        List<Long> currentMedia = current.withMedia() && media != null
                ? mediaIds(media.forStatuses(List.of(statusId)).getOrDefault(statusId, List.of())) : List.of();
        boolean keepMedia = in.mediaIds() == null;
        int kept = keepMedia && current.withMedia() ? Math.max(1, currentMedia.size()) : 0;
        PostRequest request = new PostRequest(in.text() == null ? current.text() : in.text(),
                keepMedia ? List.of() : in.mediaIds(), in.spoilerText() == null ? current.spoilerText() : in.spoilerText(),
                in.sensitive() == null ? current.sensitive() : in.sensitive(), current.visibility(), null,
                in.language() == null ? current.language() : in.language(), null, in.poll());
        Composer.Draft d = posting.compose(accountId, request, current.visibility(), kept, true);

        db.transaction(tx -> {
            StatusRow row = tx.mapper(EditMapper.class).lock(statusId);
            if (row == null || row.accountId() != accountId) throw ApiException.notFound(); // deleted meanwhile
            Instant now = clock.instant();
            EditMapper e = tx.mapper(EditMapper.class);
            PollRow poll = tx.mapper(PollMapper.class).byStatus(statusId);
            e.insertEdit(new EditRow(ids.nextId(), statusId, row.text(), row.content(), row.spoilerText(), row.sensitive(),
                    row.language(), poll == null ? null : poll.options(), currentMedia.isEmpty() ? null : Json.write(currentMedia),
                    row.editedAt() != null ? row.editedAt() : row.createdAt(), null));
            boolean withMedia = row.withMedia();
            if (!keepMedia || d.stripMedia()) {
                // detached media go back to "unattached" (the media bundle cleans them up), so the
                // same ids may be attached again in a new order
                if (row.withMedia() && media != null) media.detach(tx, statusId, false);
                if (!d.mediaIds().isEmpty()) PostingService.attach(media, tx, accountId, statusId, d.mediaIds());
                withMedia = !d.mediaIds().isEmpty();
            }
            e.update(statusId, d.text(), d.content(), d.spoilerText(), d.sensitive(), d.language(), d.visibility(),
                    row.held() || d.held(), withMedia, now);
            e.deleteMentions(statusId);
            e.deleteTags(statusId);
            posting.writeMentionsAndTags(tx.mapper(StatusMapper.class), statusId, d, now);
            replacePoll(tx, accountId, statusId, poll, d.poll(), now);
            events.updated(tx, tx.mapper(StatusMapper.class).byId(statusId));
            return null;
        });
        return db.read(tx -> views.one(tx, accountId, tx.mapper(StatusMapper.class).byId(statusId)));
    }

    /**
     * Every version of a visible status, oldest first, the current one last (a status never
     * edited has one). Media of an earlier version are shown while still attached.
     */
    public List<StatusEdit> history(Long viewerId, long statusId) {
        return db.read(tx -> {
            StatusRow row = visibility.require(tx, visibility.viewer(viewerId), statusId);
            if (row.isReblog()) throw ApiException.notFound();
            Object account = accounts.render(List.of(row.accountId())).get(row.accountId());
            if (!row.local()) return remoteHistory(tx, row, account);
            MediaAttachments media = views.media();
            List<Object> attached = media == null || !row.withMedia() ? List.of()
                    : media.forStatuses(List.of(statusId)).getOrDefault(statusId, List.of());
            List<StatusEdit> out = new ArrayList<>();
            for (EditRow e : tx.mapper(EditMapper.class).edits(statusId)) {
                List<Long> then = PollViews.read(e.mediaIds(), LONGS);
                Set<Long> wanted = then == null ? Set.of() : new HashSet<>(then);
                List<Object> shown = attached.stream().filter(o -> wanted.contains(mediaId(o))).toList();
                out.add(new StatusEdit(e.content(), e.spoilerText(), e.sensitive(), e.createdAt(), account,
                        editPoll(PollViews.read(e.pollOptions(), PollViews.STRINGS)), shown, List.of()));
            }
            PollRow poll = tx.mapper(PollMapper.class).byStatus(statusId);
            out.add(new StatusEdit(row.content(), row.spoilerText(), row.sensitive(),
                    row.editedAt() != null ? row.editedAt() : row.createdAt(), account,
                    editPoll(poll == null ? null : PollViews.options(poll)), attached, List.of()));
            return out;
        });
    }

    /** The versions of a remote post, each with the remote media it had (emojis: the current version only). */
    private static List<StatusEdit> remoteHistory(Tx tx, StatusRow row, Object account) {
        List<StatusEdit> out = new ArrayList<>();
        for (EditRow e : tx.mapper(EditMapper.class).edits(row.id())) {
            out.add(new StatusEdit(e.content(), e.spoilerText(), e.sensitive(), e.createdAt(), account,
                    editPoll(PollViews.read(e.pollOptions(), PollViews.STRINGS)),
                    RemoteViews.attachments(row.id(), e.remoteMedia()), List.of()));
        }
        RemoteFact now = tx.mapper(RemoteMapper.class).facts(new Long[] {row.id()}).get(0);
        PollRow poll = tx.mapper(PollMapper.class).byStatus(row.id());
        out.add(new StatusEdit(row.content(), row.spoilerText(), row.sensitive(),
                row.editedAt() != null ? row.editedAt() : row.createdAt(), account,
                editPoll(poll == null ? null : PollViews.options(poll)), RemoteViews.attachments(row.id(), now.remoteMedia()),
                RemoteViews.emojis(now.emojis())));
        return out;
    }

    /** The text as written, for editing; anyone who may see the status may read it. */
    public StatusSource source(Long viewerId, long statusId) {
        return db.read(tx -> {
            StatusRow row = visibility.require(tx, visibility.viewer(viewerId), statusId);
            return new StatusSource(Long.toString(row.id()), row.text(), row.spoilerText());
        });
    }

    /**
     * No poll asked: the poll goes. The same options and kind: the votes stay, expiry and
     * hide_totals are updated. Otherwise the old votes no longer mean anything: a new poll.
     */
    private void replacePoll(Tx tx, long accountId, long statusId, PollRow previous, PollRequest next, Instant now) {
        PollMapper m = tx.mapper(PollMapper.class);
        if (next != null && previous != null && PollViews.options(previous).equals(next.options())
                && previous.multiple() == next.multiple()) {
            m.update(previous.id(), next.hideTotals(), now.plusSeconds(next.expiresIn()));
            return;
        }
        if (previous != null) m.delete(previous.id());
        if (next != null) posting.insertPoll(tx, accountId, statusId, next, now);
    }

    private static EditPoll editPoll(List<String> options) {
        return options == null ? null : new EditPoll(options.stream().map(EditPollOption::new).toList());
    }

    private static List<Long> mediaIds(List<Object> attachments) {
        return attachments.stream().map(EditService::mediaId).filter(id -> id != null).toList();
    }

    /** The id of a rendered MediaAttachment (the media bundle's entity, seen as JSON). */
    private static Long mediaId(Object attachment) {
        JsonNode id = Json.mapper().valueToTree(attachment).path("id");
        try {
            return Long.parseLong(id.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
