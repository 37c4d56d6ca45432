package social.herd.federation.impl.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.federation.FederatedStatuses;
import social.herd.api.federation.FederatedStatuses.RemoteMedia;
import social.herd.api.federation.FederatedStatuses.RemoteNote;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.moderation.Moderation;
import social.herd.federation.impl.DomainPolicy;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.activity.ActivityFormatException;
import social.herd.federation.impl.activity.NoteParser;
import social.herd.federation.impl.activity.ParsedObject;
import social.herd.federation.impl.activity.Visibility;
import social.herd.federation.impl.fetch.ActorStore;
import social.herd.federation.impl.fetch.FetchFailure;
import social.herd.federation.impl.fetch.SignedFetcher;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.Verdict;

/**
 * Remote posts into statuses: parses the object tolerantly, resolves its author, mentions and
 * parent, infers the visibility from the addressing as Mastodon does, asks the moderation
 * filters, and stores it through {@link FederatedStatuses}. Parents and authors we do not know are
 * fetched (a bounded depth, so a long reply chain cannot keep a worker busy).
 */
@Component(service = NoteStore.class)
public final class NoteStore {

    public static final Set<String> POST_TYPES = Set.of("Note", "Question", "Article", "Page", "Event", "Video", "Audio", "Image");
    private static final int MAX_PARENT_DEPTH = 3;
    private static final Logger LOG = LoggerFactory.getLogger(NoteStore.class);

    private final FederatedStatuses statuses;
    private final RemoteAccounts remote;
    private final AccountDirectory accounts;
    private final ActorStore actors;
    private final SignedFetcher fetcher;
    private final DomainPolicy domains;
    private final Moderation moderation;
    private final FederationRuntime runtime;

    @Activate
    public NoteStore(@Reference FederatedStatuses statuses, @Reference RemoteAccounts remote,
                     @Reference AccountDirectory accounts, @Reference ActorStore actors, @Reference SignedFetcher fetcher,
                     @Reference DomainPolicy domains, @Reference Moderation moderation,
                     @Reference FederationRuntime runtime) {
        this.statuses = statuses;
        this.remote = remote;
        this.accounts = accounts;
        this.actors = actors;
        this.fetcher = fetcher;
        this.domains = domains;
        this.moderation = moderation;
        this.runtime = runtime;
    }

    /** The status for {@code uri}: known, or fetched from its server and stored. */
    public Optional<Long> statusByUri(String uri, int depth) {
        if (uri == null) return Optional.empty();
        Optional<Long> known = statuses.idByUri(uri);
        if (known.isPresent() || runtime.uris().isLocal(uri) || depth > MAX_PARENT_DEPTH) return known;
        try {
            JsonNode object = fetcher.get(uri);
            ParsedObject o = NoteParser.parse(object);
            if (o == null) return Optional.empty();
            if (!POST_TYPES.contains(o.type()) || o.attributedTo() == null) return Optional.empty();
            // the fetched document must come from its author's server: no planting posts for others
            if (!sameHost(o.uri(), uri) || !sameHost(o.attributedTo(), o.uri())) return Optional.empty();
            RemoteAccount author = actors.byUri(o.attributedTo());
            return create(o, author, depth + 1, "Create");
        } catch (FetchFailure | ActivityFormatException | RuntimeException e) {
            LOG.debug("could not fetch {}: {}", uri, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores a post by {@code author} (the verified sender). */
    public Optional<Long> create(ParsedObject o, RemoteAccount author, int depth, String activityType) {
        Optional<RemoteNote> note = toNote(o, author, depth, activityType);
        return note.map(statuses::create);
    }

    /** Applies an edit; false when the post is unknown or not the author's. */
    public boolean update(ParsedObject o, RemoteAccount author) {
        Optional<RemoteNote> note = toNote(o, author, MAX_PARENT_DEPTH, "Update");
        return note.isPresent() && statuses.update(note.get());
    }

    private Optional<RemoteNote> toNote(ParsedObject o, RemoteAccount author, int depth, String activityType) {
        if (o.uri() == null || !sameHost(o.uri(), author.actor().uri())) {
            LOG.debug("skipped a post whose id {} is not on its author's server", o.uri());
            return Optional.empty();
        }
        List<Long> mentions = new ArrayList<>();
        List<Long> localMentions = new ArrayList<>();
        Set<String> mentionUris = new LinkedHashSet<>(o.mentions());
        for (String href : mentionUris) {
            Optional<Long> id = mentionedAccount(href);
            id.ifPresent(mentions::add);
            if (id.isPresent() && runtime.uris().usernameOf(href).isPresent()) localMentions.add(id.get());
        }
        String visibility = Visibility.infer(o.to(), o.cc(), author.actor().followers(), mentionUris).apiName();
        String host0 = URI.create(author.actor().uri()).getAuthority();
        // a silenced (limited) domain keeps its posts off the public timelines, as in Mastodon
        if (visibility.equals("public") && domains.silenced(host0)) visibility = "unlisted";
        Long parent = o.inReplyTo() == null ? null : statusByUri(o.inReplyTo(), depth).orElse(null);
        String host = URI.create(author.actor().uri()).getAuthority();
        List<RemoteMedia> media = domains.rejectsMedia(host) ? List.of() : o.media();
        String spoiler = o.summary() == null ? "" : o.summary();
        boolean sensitive = o.sensitive();
        // the facts cost database reads: gathered only when a filter will look at them
        Verdict v = !moderation.judges(ModerationContext.INCOMING) ? Verdict.accept()
                : moderation.review(new IncomingActivity(activityType, author.actor().uri(), host, o.type(),
                        o.contentHtml(), spoiler, sensitive, visibility, media.size(), List.copyOf(mentionUris),
                        ModerationFacts.author(accounts, author), ModerationFacts.links(o.contentHtml(), mentionUris),
                        ModerationFacts.strangers(accounts, author.accountId(), localMentions)));
        boolean held = false;
        switch (v.decision()) {
            case REJECT -> {
                LOG.info("federation post={} from={} refused by moderation: {}", o.uri(), host, v.reason());
                return Optional.empty();
            }
            case HOLD -> {
                // a new post waits in the moderators' queue; an edit that would need review is not applied
                if (!activityType.equals("Create")) {
                    LOG.info("federation edit={} from={} held by moderation, not applied: {}", o.uri(), host, v.reason());
                    return Optional.empty();
                }
                LOG.info("federation post={} from={} held for review: {}", o.uri(), host, v.reason());
                held = true;
            }
            case REWRITE -> {
                for (Verdict.Rewrite r : v.rewrites()) {
                    switch (r) {
                        case MARK_SENSITIVE -> sensitive = true;
                        case ADD_CONTENT_WARNING -> { if (spoiler.isEmpty()) spoiler = v.reason(); sensitive = true; }
                        case STRIP_MEDIA -> media = List.of();
                        case LOWER_VISIBILITY -> { if (visibility.equals("public")) visibility = "unlisted"; }
                        case DROP_MENTIONS -> mentions.clear();
                    }
                }
            }
            default -> { }
        }
        return Optional.of(new RemoteNote(o.uri(), o.url(), author.accountId(), o.contentHtml(), spoiler, sensitive,
                visibility, parent, o.language(), o.published(), o.updated(), mentions, o.hashtags(), media, o.poll(),
                o.emojis(), held));
    }

    /** The account a mention names: local accounts by our id layout, remote ones when known. */
    private Optional<Long> mentionedAccount(String href) {
        Optional<String> local = runtime.uris().usernameOf(href);
        if (local.isPresent()) {
            return accounts.localByUsername(local.get()).filter(a -> !a.suspended()).map(AccountSummary::id);
        }
        return remote.byUri(href).map(RemoteAccount::accountId);
    }

    /** Whether two URIs are on the same server (authority, port included); false for anything unparsable. */
    public static boolean sameHost(String a, String b) {
        try {
            String ha = URI.create(a).getAuthority();
            return ha != null && ha.equalsIgnoreCase(URI.create(b).getAuthority());
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
