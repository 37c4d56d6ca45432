package social.herd.statuses.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import social.herd.api.id.IdGenerator;
import social.herd.api.media.MediaAttachments;
import social.herd.api.moderation.Moderation;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.Verdict;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.statuses.impl.text.HtmlFormatter;
import social.herd.statuses.impl.text.TextEntities;
import social.herd.statuses.impl.text.TextEntities.Entity;
import social.herd.statuses.impl.text.TextEntities.Kind;
import social.herd.web.api.ApiException;

/**
 * Posting and deleting statuses. Checks and moderation happen before the transaction (filters may
 * be slow); the status, its mentions, tags, media and the parent's reply counter are then written
 * in one transaction.
 */
@Component(service = PostingService.class)
public final class PostingService {

    /** Mastodon's default character limit. */
    static final int MAX_CHARS = 500;
    /** How long an Idempotency-Key answers the same status (Mastodon: one hour). */
    static final Duration KEY_LIFETIME = Duration.ofHours(1);
    static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    private final Database db;
    private final IdGenerator ids;
    private final AccountDirectory accounts;
    private final ServerSettings server;
    private final StatusVisibility visibility;
    private final StatusViews views;
    private final Clock clock;
    private volatile Moderation moderation;

    @Activate
    public PostingService(@Reference Database db, @Reference IdGenerator ids, @Reference AccountDirectory accounts,
                          @Reference ServerSettings server, @Reference StatusVisibility visibility,
                          @Reference StatusViews views,
                          @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, ids, accounts, server, visibility, views, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public PostingService(Database db, IdGenerator ids, AccountDirectory accounts, ServerSettings server,
                          StatusVisibility visibility, StatusViews views, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.accounts = accounts;
        this.server = server;
        this.visibility = visibility;
        this.views = views;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setModeration(Moderation moderation) {
        this.moderation = moderation;
    }

    public void unsetModeration(Moderation gone) {
        if (this.moderation == gone) this.moderation = null;
    }

    /** Posts a status for {@code authorId}; a repeated Idempotency-Key answers the first status. */
    public Status post(long authorId, PostRequest in) {
        String vis = in.visibility() == null || in.visibility().isBlank() ? "public"
                : in.visibility().strip().toLowerCase(Locale.ROOT);
        if (!VISIBILITIES.contains(vis)) throw ApiException.unprocessable("Validation failed: Visibility is not included in the list");
        if (in.text().isBlank() && in.mediaIds().isEmpty()) throw ApiException.unprocessable("Validation failed: Text can't be blank");
        if (TextEntities.length(in.text(), in.spoilerText()) > MAX_CHARS) {
            throw ApiException.unprocessable("Validation failed: Text character limit of " + MAX_CHARS + " exceeded");
        }
        MediaAttachments media = views.media();
        if (!in.mediaIds().isEmpty() && media == null) throw ApiException.unprocessable("Media uploads are not available");
        AccountSummary author = accounts.byId(authorId).filter(a -> !a.suspended()).orElseThrow(ApiException::notFound);

        List<Entity> entities = TextEntities.extract(in.text());
        List<String> mentioned = entities.stream().filter(e -> e.kind() == Kind.MENTION).map(Entity::acct).distinct().toList();
        Verdict verdict = review(new LocalPost(authorId, author.username(), in.text(), in.spoilerText(), in.sensitive(), vis,
                in.mediaIds().size(), mentioned, false));
        if (verdict.decision() == Verdict.Decision.REJECT) {
            throw ApiException.unprocessable(verdict.reason().isBlank() ? "This post was rejected" : verdict.reason());
        }
        Set<Verdict.Rewrite> rewrites = verdict.decision() == Verdict.Decision.REWRITE ? verdict.rewrites() : Set.of();
        boolean sensitive = in.sensitive() || rewrites.contains(Verdict.Rewrite.MARK_SENSITIVE);
        String spoiler = in.spoilerText();
        if (rewrites.contains(Verdict.Rewrite.ADD_CONTENT_WARNING) && spoiler.isEmpty()) {
            spoiler = verdict.reason().isBlank() ? "Content warning" : verdict.reason();
        }
        if (rewrites.contains(Verdict.Rewrite.LOWER_VISIBILITY) && vis.equals("public")) vis = "unlisted";
        List<Long> mediaIds = rewrites.contains(Verdict.Rewrite.STRIP_MEDIA) ? List.of() : in.mediaIds();
        Map<String, AccountSummary> targets = rewrites.contains(Verdict.Rewrite.DROP_MENTIONS) ? Map.of() : resolve(mentioned);
        Map<String, String> links = new LinkedHashMap<>();
        targets.forEach((acct, a) -> links.put(acct, views.profileUrl(a.username())));
        String content = HtmlFormatter.format(in.text(), entities, links, server.publicUrl());
        Set<String> tags = new LinkedHashSet<>();
        for (Entity e : entities) if (e.kind() == Kind.HASHTAG) tags.add(e.value().toLowerCase(Locale.ROOT));
        boolean held = verdict.decision() == Verdict.Decision.HOLD;
        String language = in.language() == null || in.language().isBlank() ? null : in.language().strip().toLowerCase(Locale.ROOT);
        String finalVis = vis;
        String finalSpoiler = spoiler;

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
            Long replyAccount = null;
            if (in.inReplyToId() != null) {
                StatusRow parent = visibility.require(tx, visibility.viewer(authorId), in.inReplyToId());
                if (parent.isReblog()) throw ApiException.notFound();
                replyAccount = parent.accountId();
            }
            StatusRow row = new StatusRow(id, authorId, in.text(), content, finalSpoiler, sensitive, finalVis,
                    in.inReplyToId(), replyAccount, null, null, language, true, held, !mediaIds.isEmpty(), now, null,
                    null, 0, 0, 0);
            m.insert(row);
            for (AccountSummary a : targets.values()) m.insertMention(id, a.id());
            for (String tag : tags) m.insertStatusTag(id, m.upsertTag(ids.nextId(), tag, now));
            if (in.inReplyToId() != null) m.addReplies(in.inReplyToId(), 1);
            if (!mediaIds.isEmpty()) {
                try {
                    media.attach(tx, authorId, id, mediaIds);
                } catch (IllegalArgumentException e) {
                    throw ApiException.unprocessable(e.getMessage() == null ? "Invalid media" : e.getMessage());
                }
            }
            return row;
        });
        // rendered after the commit: the media service reads its attachments in its own transaction
        return db.read(tx -> views.one(tx, authorId, stored));
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
            MediaAttachments media = views.media();
            if (media != null && row.withMedia()) media.detach(tx, statusId, deleteMedia);
            return answer;
        });
    }

    private Verdict review(LocalPost post) {
        Moderation mod = moderation;
        return mod == null ? Verdict.accept() : mod.review(post);
    }

    /** Local accounts for {@code @user} and {@code @user@<this server>}; unknown ones stay text. */
    private Map<String, AccountSummary> resolve(List<String> accts) {
        Map<String, AccountSummary> out = new LinkedHashMap<>();
        for (String acct : accts) {
            int at = acct.indexOf('@');
            String domain = at < 0 ? null : acct.substring(at + 1);
            if (domain != null && !domain.equalsIgnoreCase(server.localDomain()) && !domain.equalsIgnoreCase(server.webDomain())) {
                continue; // remote accounts need federation's look-up
            }
            Optional<AccountSummary> a = accounts.localByUsername(at < 0 ? acct : acct.substring(0, at));
            a.filter(x -> !x.suspended()).ifPresent(x -> out.put(acct, x));
        }
        return out;
    }
}
