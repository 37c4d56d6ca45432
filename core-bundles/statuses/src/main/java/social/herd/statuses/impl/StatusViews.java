package social.herd.statuses.impl;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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
import social.herd.api.db.Tx;
import social.herd.api.media.MediaAttachments;
import social.herd.statuses.impl.StatusEntities.Mention;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.StatusEntities.Tag;
import social.herd.statuses.impl.db.FactsMapper;
import social.herd.statuses.impl.db.RemoteFact;
import social.herd.statuses.impl.db.RemoteMapper;
import social.herd.statuses.impl.db.RenderFact;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;

/**
 * Rows to Mastodon Status entities, for many statuses at once: one query for reblogged originals,
 * one for mentions, tags, polls and the viewer's favourites, bookmarks, reblogs, pins and mutes,
 * three for polls and one call for the media only when some status has them, one for the uris,
 * media and emojis of remote statuses only when there are some, and the accounts through
 * {@link AccountCache}. Does not decide visibility: callers pass visible rows only.
 */
@Component(service = StatusViews.class)
public final class StatusViews {

    private final AccountCache accounts;
    private final ServerSettings server;
    /** The public URL as text, remembered per URI (it may change at run time through ConfigAdmin). */
    private record Base(URI uri, String text) {}
    private volatile Base base = new Base(null, "");
    private volatile MediaAttachments media;

    @Activate
    public StatusViews(@Reference AccountCache accounts, @Reference ServerSettings server) {
        this.accounts = accounts;
        this.server = server;
    }

    /** For tests and embedding: account look-ups are not cached. */
    public StatusViews(AccountDirectory accounts, ServerSettings server) {
        this(new AccountCache(accounts, Duration.ZERO), server);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setMedia(MediaAttachments media) {
        this.media = media;
    }

    public void unsetMedia(MediaAttachments gone) {
        if (this.media == gone) this.media = null;
    }

    /** The media service, or null while none is installed. */
    public MediaAttachments media() {
        return media;
    }

    public Status one(Tx tx, Long viewerId, StatusRow row) {
        return render(tx, viewerId, List.of(row)).get(0);
    }

    /**
     * The entities of {@code rows}, in order. A status whose author cannot be rendered (suspended
     * meanwhile) is left out rather than answered without an account.
     */
    public List<Status> render(Tx tx, Long viewerId, List<StatusRow> rows) {
        if (rows.isEmpty()) return List.of();
        StatusMapper mapper = tx.mapper(StatusMapper.class);
        Map<Long, StatusRow> originals = new HashMap<>();
        Set<Long> originalIds = new HashSet<>();
        for (StatusRow r : rows) if (r.isReblog()) originalIds.add(r.reblogOfId());
        if (!originalIds.isEmpty()) mapper.byIds(originalIds).forEach(o -> originals.put(o.id(), o));
        List<StatusRow> all = new ArrayList<>(rows);
        all.addAll(originals.values());
        Set<Long> ids = new LinkedHashSet<>();
        Set<Long> authorIds = new LinkedHashSet<>();
        Set<Long> withMedia = new LinkedHashSet<>();
        Set<Long> remote = new LinkedHashSet<>();
        for (StatusRow r : all) {
            ids.add(r.id());
            authorIds.add(r.accountId());
            // a remote post's media are not the media bundle's: they come with its row's facts
            if (r.withMedia() && r.local()) withMedia.add(r.id());
            if (!r.local()) remote.add(r.id());
        }
        Context c = new Context(viewerId);
        c.sensitized = accounts.directory().sensitized();
        if (!remote.isEmpty()) {
            for (RemoteFact f : tx.mapper(RemoteMapper.class).facts(remote.toArray(Long[]::new))) c.remote.put(f.id(), f);
        }
        // mentions, tags, polls and the viewer's flags in one round trip
        Set<Long> withPoll = new LinkedHashSet<>();
        FactsMapper facts = tx.mapper(FactsMapper.class);
        Long[] idArray = ids.toArray(Long[]::new);
        for (RenderFact f : viewerId == null ? facts.renderFacts(idArray) : facts.renderFactsFor(viewerId, idArray)) {
            switch (f.kind()) {
                case RenderFact.MENTION -> c.mentions.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f.target());
                case RenderFact.TAG -> c.tags.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f.name());
                case RenderFact.POLL -> withPoll.add(f.id());
                case RenderFact.FAVOURITED -> c.favourited.add(f.id());
                case RenderFact.BOOKMARKED -> c.bookmarked.add(f.id());
                case RenderFact.REBLOGGED -> c.reblogged.add(f.id());
                // only one's own statuses can be pinned, and only their author sees the flag
                case RenderFact.PINNED -> c.pinned.add(f.id());
                case RenderFact.MUTED -> c.muted.add(f.id());
                default -> { }
            }
        }
        Set<Long> mentioned = new HashSet<>();
        c.mentions.values().forEach(mentioned::addAll);
        for (Long id : authorIds) accounts.summary(id).ifPresent(a -> c.summaries.put(id, a));
        for (Long id : mentioned) accounts.summary(id).ifPresent(a -> c.summaries.put(id, a));
        c.accounts.putAll(accounts.render(authorIds));
        MediaAttachments m = media;
        if (m != null && !withMedia.isEmpty()) c.media.putAll(m.forStatuses(withMedia));
        if (!withPoll.isEmpty()) c.polls.putAll(PollViews.forStatuses(tx, viewerId, withPoll, Instant.now()));
        List<Status> out = new ArrayList<>(rows.size());
        for (StatusRow r : rows) {
            Status reblog = null;
            if (r.isReblog()) {
                StatusRow o = originals.get(r.reblogOfId());
                if (o == null || !c.accounts.containsKey(o.accountId())) continue;
                reblog = entity(o, null, c);
            }
            if (c.accounts.containsKey(r.accountId())) out.add(entity(r, reblog, c));
        }
        return out;
    }

    private Status entity(StatusRow r, Status reblog, Context c) {
        String base = base();
        String username = Optional.ofNullable(c.summaries.get(r.accountId())).map(AccountSummary::username).orElse("");
        RemoteFact remote = c.remote.get(r.id());
        String uri;
        String url;
        List<Object> media;
        List<Object> emojis;
        if (remote != null && remote.uri() != null) {
            uri = remote.uri();
            url = r.isReblog() ? null : remote.url() != null ? remote.url() : remote.uri();
            media = RemoteViews.attachments(r.id(), remote.remoteMedia());
            emojis = RemoteViews.emojis(remote.emojis());
        } else {
            uri = localUri(username, r.id(), r.isReblog());
            url = r.isReblog() ? null : base + "/@" + username + "/" + r.id();
            media = c.media.getOrDefault(r.id(), List.of());
            emojis = List.of();
        }
        List<Mention> mentions = new ArrayList<>();
        for (Long id : c.mentions.getOrDefault(r.id(), List.of())) {
            AccountSummary a = c.summaries.get(id);
            if (a != null) mentions.add(mention(a));
        }
        List<Tag> tags = c.tags.getOrDefault(r.id(), List.of()).stream()
                .map(t -> new Tag(t, base + "/tags/" + URLEncoder.encode(t, StandardCharsets.UTF_8))).toList();
        boolean in = c.viewerId != null;
        boolean own = in && c.viewerId == r.accountId();
        boolean sensitive = r.sensitive() || (!media.isEmpty() && c.sensitized.contains(r.accountId()));
        return new Status(Long.toString(r.id()), r.createdAt(), str(r.inReplyToId()), str(r.inReplyToAccountId()),
                sensitive, r.spoilerText(), r.visibility(), r.language(), uri, url, r.repliesCount(),
                r.reblogsCount(), r.favouritesCount(), r.editedAt(),
                in ? c.favourited.contains(r.id()) : null, in ? c.reblogged.contains(r.id()) : null,
                in ? c.muted.contains(r.id()) : null, in ? c.bookmarked.contains(r.id()) : null, own ? c.pinned.contains(r.id()) : null,
                r.content(), reblog, null, c.accounts.get(r.accountId()),
                media, mentions, tags, emojis, null, c.polls.get(r.id()), List.of(), null);
    }

    /** Mastodon's mention entity; {@code acct} is the bare username for local accounts. */
    Mention mention(AccountSummary a) {
        String acct = a.local() ? a.username() : a.username() + "@" + a.domain();
        String url = a.local() ? profileUrl(a.username()) : "https://" + a.domain() + "/@" + a.username();
        return new Mention(Long.toString(a.id()), a.username(), url, acct);
    }

    /**
     * The ActivityPub id of a local status as this server publishes it (its boosts' with
     * {@code /activity}); {@link FederatedStatusesComponent#idByUri} reads it back.
     */
    String localUri(String username, long statusId, boolean reblog) {
        return base() + "/users/" + username + "/statuses/" + statusId + (reblog ? "/activity" : "");
    }

    /** The public URL without a trailing slash. */
    String baseUrl() {
        return base();
    }

    String profileUrl(String username) {
        return base() + "/@" + username;
    }

    private String base() {
        URI now = server.publicUrl();
        Base b = base;
        if (b.uri() != now) {
            b = new Base(now, now.toString().replaceAll("/+$", ""));
            base = b;
        }
        return b.text();
    }

    private static String str(Long id) {
        return id == null ? null : id.toString();
    }

    /** What one render call loaded. */
    private static final class Context {
        final Long viewerId;
        final Map<Long, List<Long>> mentions = new HashMap<>();
        final Map<Long, List<String>> tags = new HashMap<>();
        final Map<Long, AccountSummary> summaries = new HashMap<>();
        final Map<Long, Object> accounts = new HashMap<>();
        final Map<Long, List<Object>> media = new HashMap<>();
        final Set<Long> favourited = new HashSet<>();
        final Set<Long> bookmarked = new HashSet<>();
        final Set<Long> reblogged = new HashSet<>();
        final Set<Long> pinned = new HashSet<>();
        final Set<Long> muted = new HashSet<>();
        final Map<Long, StatusEntities.Poll> polls = new HashMap<>();
        final Map<Long, RemoteFact> remote = new HashMap<>();
        /** Authors whose media a moderator forced sensitive. */
        Set<Long> sensitized = Set.of();

        Context(Long viewerId) {
            this.viewerId = viewerId;
        }
    }
}
