package social.herd.statuses.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.api.media.MediaAttachments;
import social.herd.api.federation.Resolver;
import social.herd.api.moderation.Moderation;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.db.PollMapper;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * Posting and deleting statuses. Checks and moderation happen before the transaction (filters may
 * be slow); the status, its mentions, tags, media, poll and the parent's reply counter are then
 * written in one transaction.
 */
@Component(service = PostingService.class)
public final class PostingService {

    /** How long an Idempotency-Key answers the same status (Mastodon: one hour). */
    static final Duration KEY_LIFETIME = Duration.ofHours(1);
    static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    private final Database db;
    private final IdGenerator ids;
    private final StatusVisibility visibility;
    private final StatusViews views;
    private final Clock clock;
    private final Composer composer;
    private final StatusEvents events;
    private volatile Moderation moderation;
    private volatile Resolver resolver;

    @Activate
    public PostingService(@Reference Database db, @Reference IdGenerator ids, @Reference AccountDirectory accounts,
                          @Reference ServerSettings server, @Reference StatusVisibility visibility,
                          @Reference StatusViews views, @Reference StatusEvents events,
                          @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, ids, accounts, server, visibility, views, events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public PostingService(Database db, IdGenerator ids, AccountDirectory accounts, ServerSettings server,
                          StatusVisibility visibility, StatusViews views, StatusEvents events, Clock clock) {
        this.db = db;
        this.events = events;
        this.ids = ids;
        this.visibility = visibility;
        this.views = views;
        this.clock = clock;
        this.composer = new Composer(accounts, server, views, () -> moderation, () -> resolver);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setModeration(Moderation moderation) {
        this.moderation = moderation;
    }

    public void unsetModeration(Moderation gone) {
        if (this.moderation == gone) this.moderation = null;
    }

    /** Federation's resolver, when it runs: mentions of accounts on other servers. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setResolver(Resolver resolver) {
        this.resolver = resolver;
    }

    public void unsetResolver(Resolver gone) {
        if (this.resolver == gone) this.resolver = null;
    }

    /** Posts a status for {@code authorId}; a repeated Idempotency-Key answers the first status. */
    public Status post(long authorId, PostRequest in) {
        String vis = visibility(in);
        Composer.Draft d = composer.compose(authorId, in, vis, 0, false);
        MediaAttachments media = views.media();
        StatusRow stored = db.transaction(tx -> {
            StatusMapper m = tx.mapper(StatusMapper.class);
            Instant now = clock.instant();
            long id = ids.nextId();
            if (in.idempotencyKey() != null && !in.idempotencyKey().isBlank()) {
                String key = in.idempotencyKey().strip();
                if (m.claimKey(authorId, key, id, now, now.minus(KEY_LIFETIME)) == null) {
                    return visibility.require(tx, visibility.viewer(authorId), m.keyedStatus(authorId, key));
                }
            }
            return store(tx, id, authorId, in, d, media, now);
        });
        // rendered after the commit: the media service reads its attachments in its own transaction
        return db.read(tx -> views.one(tx, authorId, stored));
    }

    /**
     * Posts a status as the last step of other work: a scheduled status coming due. The checks and
     * moderation run first; then, in the posting transaction, {@code claim} decides whether to post
     * at all (the scheduled status may be gone, or moved) and releases what the work held.
     *
     * @return the stored status, or null when {@code claim} declined
     */
    public StatusRow postClaimed(long authorId, PostRequest in, Predicate<Tx> claim) {
        Composer.Draft d = composer.compose(authorId, in, visibility(in), 0, false);
        MediaAttachments media = views.media();
        return db.transaction(tx -> claim.test(tx) ? store(tx, ids.nextId(), authorId, in, d, media, clock.instant()) : null);
    }

    /** The checks a post passes before moderation (for scheduling): 422 or 404 as posting would. */
    public void check(long authorId, PostRequest in) {
        visibility(in);
        composer.check(authorId, in, 0);
    }

    private static String visibility(PostRequest in) {
        String vis = in.visibility() == null || in.visibility().isBlank() ? "public"
                : in.visibility().strip().toLowerCase(Locale.ROOT);
        if (!VISIBILITIES.contains(vis)) throw ApiException.unprocessable("Validation failed: Visibility is not included in the list");
        return vis;
    }

    /** Writes a composed status, its mentions, tags, media, poll and events, in {@code tx}. */
    private StatusRow store(Tx tx, long id, long authorId, PostRequest in, Composer.Draft d, MediaAttachments media,
                            Instant now) {
        StatusMapper m = tx.mapper(StatusMapper.class);
        Long replyAccount = null;
        if (in.inReplyToId() != null) {
            StatusRow parent = visibility.require(tx, visibility.viewer(authorId), in.inReplyToId());
            if (parent.isReblog()) throw ApiException.notFound();
            replyAccount = parent.accountId();
        }
        StatusRow row = new StatusRow(id, authorId, d.text(), d.content(), d.spoilerText(), d.sensitive(), d.visibility(),
                in.inReplyToId(), replyAccount, null, null, d.language(), true, d.held(), !d.mediaIds().isEmpty(), now,
                null, null, 0, 0, 0);
        m.insert(row);
        writeMentionsAndTags(m, id, d, now);
        if (in.inReplyToId() != null) m.addReplies(in.inReplyToId(), 1);
        if (!d.mediaIds().isEmpty()) attach(media, tx, authorId, id, d.mediaIds());
        if (d.poll() != null) insertPoll(tx, authorId, id, d.poll(), now);
        events.created(tx, row);
        return row;
    }

    /** The checks, moderation and rendering of a post or an edit (for {@link EditService}). */
    Composer.Draft compose(long authorId, PostRequest in, String visibility, int keptMedia, boolean edit) {
        return composer.compose(authorId, in, visibility, keptMedia, edit);
    }

    /** Links the mentioned accounts and the hashtags of a new or edited status. */
    void writeMentionsAndTags(StatusMapper m, long statusId, Composer.Draft d, Instant now) {
        for (AccountSummary a : d.mentions()) m.insertMention(statusId, a.id());
        for (String tag : d.tags()) m.insertStatusTag(statusId, m.upsertTag(ids.nextId(), tag, now));
    }

    /** Attaches media in the caller's transaction; the media service's refusal is a 422. */
    static void attach(MediaAttachments media, Tx tx, long authorId, long statusId, List<Long> mediaIds) {
        if (media == null) throw ApiException.unprocessable("Media uploads are not available");
        try {
            media.attach(tx, authorId, statusId, mediaIds);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage() == null ? "Invalid media" : e.getMessage());
        }
    }

    /** Stores a (checked) poll for a status; it expires {@code expires_in} seconds from {@code now}. */
    void insertPoll(Tx tx, long authorId, long statusId, PollRequest poll, Instant now) {
        Instant expiresAt = now.plusSeconds(poll.expiresIn());
        tx.mapper(PollMapper.class).insert(ids.nextId(), statusId, authorId, Json.write(poll.options()), poll.multiple(),
                poll.hideTotals(), expiresAt, now);
        events.pollCreated(tx, statusId, expiresAt);
    }

    /**
     * Deletes the caller's own status (404 for anyone else's, as Mastodon) and answers it with its
     * source {@code text}. Reblogs of it go too; a deleted reblog lowers the original's counter.
     */
    public Status delete(long accountId, long statusId, boolean deleteMedia) {
        return db.transaction(tx -> {
            StatusMapper m = tx.mapper(StatusMapper.class);
            StatusRow row = m.byId(statusId);
            if (row == null || row.deleted() || row.accountId() != accountId) throw ApiException.notFound();
            Status answer = views.one(tx, accountId, row).withText(row.text());
            Instant now = clock.instant();
            if (m.markDeleted(statusId, now) == 0) throw ApiException.notFound();
            if (row.inReplyToId() != null) m.addReplies(row.inReplyToId(), -1);
            if (row.isReblog()) m.addReblogs(row.reblogOfId(), -1);
            m.deleteReblogsOf(statusId, now);
            events.deleted(tx, row);
            MediaAttachments media = views.media();
            if (media != null && row.withMedia()) media.detach(tx, statusId, deleteMedia);
            return answer;
        });
    }
}
