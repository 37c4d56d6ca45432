package social.herd.federation.impl.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.federation.FederatedStatuses;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.activity.ActivityFormatException;
import social.herd.federation.impl.activity.ApJson;
import social.herd.federation.impl.activity.NoteParser;
import social.herd.federation.impl.activity.ParsedActivity;
import social.herd.federation.impl.activity.ParsedObject;
import social.herd.federation.impl.activity.Visibility;
import social.herd.federation.impl.fetch.ActorStore;
import social.herd.federation.impl.fetch.FetchFailure;

/**
 * Create, Update, Delete, Announce, Like (and Misskey's EmojiReact, shown as a favourite) and the
 * Undo of a Like or Announce. Only the author may create, edit or delete a post: an object whose
 * {@code attributedTo} is not the signer is refused (Mastodon fetches it from its origin instead;
 * we skip it, which loses nothing but a forwarded copy).
 */
@Component(service = ContentHandlers.class)
public final class ContentHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ContentHandlers.class);

    private final NoteStore notes;
    private final FederatedStatuses statuses;
    private final StatusDirectory directory;
    private final RemoteAccounts remote;
    private final ActorStore actors;
    private final FederationRuntime runtime;

    @Activate
    public ContentHandlers(@Reference NoteStore notes, @Reference FederatedStatuses statuses,
                           @Reference StatusDirectory directory, @Reference RemoteAccounts remote,
                           @Reference ActorStore actors, @Reference FederationRuntime runtime) {
        this.notes = notes;
        this.statuses = statuses;
        this.directory = directory;
        this.remote = remote;
        this.actors = actors;
        this.runtime = runtime;
    }

    public boolean apply(ParsedActivity a, RemoteAccount signer) {
        return switch (a.type()) {
            case "Create" -> create(a, signer);
            case "Update" -> update(a, signer);
            case "Delete" -> delete(a, signer);
            case "Announce" -> announce(a, signer);
            case "Like", "EmojiReact" -> localStatus(a.objectId())
                    .map(id -> { statuses.favourite(signer.accountId(), id); return true; }).orElse(false);
            default -> false;
        };
    }

    /** Undo of a Like or Announce. */
    public boolean undo(ParsedActivity a, RemoteAccount signer) {
        JsonNode inner = a.object();
        String type = inner == null ? "" : ApJson.types(inner).stream().findFirst().orElse("");
        return switch (type) {
            case "Like", "EmojiReact" -> localStatus(ApJson.id(inner.path("object")))
                    .map(id -> statuses.unfavourite(signer.accountId(), id)).orElse(false);
            case "Announce" -> statuses.undoReblog(ApJson.id(inner), signer.accountId());
            default -> {
                // Undo by id only: it may name an Announce we stored
                yield a.objectId() != null && statuses.undoReblog(a.objectId(), signer.accountId());
            }
        };
    }

    private boolean create(ParsedActivity a, RemoteAccount signer) {
        JsonNode object = a.object();
        if (object == null) return false;
        ParsedObject o = parse(object);
        if (o == null || !NoteStore.POST_TYPES.contains(o.type())) return false;
        if (!signer.actor().uri().equals(o.attributedTo())) {
            LOG.debug("skipped a Create of {} not attributed to its sender", o.uri());
            return false;
        }
        // a vote in one of our polls: a named Note replying to a local Question
        if (o.name() != null && o.contentHtml().isEmpty() && o.inReplyTo() != null && runtime.uris().isLocal(o.inReplyTo())) {
            return vote(o, signer);
        }
        return notes.create(o, signer, 0, "Create").isPresent();
    }

    private boolean vote(ParsedObject o, RemoteAccount signer) {
        Optional<Long> poll = statuses.idByUri(o.inReplyTo());
        if (poll.isEmpty()) return false;
        Object rendered = directory.render(null, List.of(poll.get()), null).get(poll.get());
        if (rendered == null) return false;
        JsonNode options = social.herd.web.api.Json.mapper().valueToTree(rendered).path("poll").path("options");
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).path("title").asText().equals(o.name())) {
                return statuses.vote(signer.accountId(), poll.get(), List.of(i));
            }
        }
        return false;
    }

    private boolean update(ParsedActivity a, RemoteAccount signer) {
        JsonNode object = a.object();
        if (object == null) return false;
        List<String> types = ApJson.types(object);
        if (types.stream().anyMatch(t -> List.of("Person", "Service", "Application", "Group", "Organization").contains(t))) {
            if (!signer.actor().uri().equals(ApJson.id(object))) return false;
            try {
                actors.store(object, signer.actor().uri());
                return true;
            } catch (FetchFailure e) {
                LOG.debug("skipped an Update of actor {}: {}", signer.actor().uri(), e.getMessage());
                return false;
            }
        }
        ParsedObject o = parse(object);
        if (o == null || !NoteStore.POST_TYPES.contains(o.type()) || !signer.actor().uri().equals(o.attributedTo())) return false;
        return notes.update(o, signer);
    }

    private boolean delete(ParsedActivity a, RemoteAccount signer) {
        String object = a.objectId();
        if (object == null) return false;
        if (object.equals(signer.actor().uri())) {
            int n = statuses.deleteAllOf(signer.accountId());
            remote.deleted(signer.accountId());
            LOG.info("federation actor={} deleted with {} posts", object, n);
            return true;
        }
        return statuses.delete(object, signer.accountId());
    }

    private boolean announce(ParsedActivity a, RemoteAccount signer) {
        if (a.objectId() == null || a.id() == null) return false;
        Optional<Long> target = notes.statusByUri(a.objectId(), 0);
        if (target.isEmpty()) return false;
        Optional<StatusFacts> f = directory.facts(target.get());
        // only public and unlisted posts can be boosted; anything else is a forgery or a mistake
        if (f.isEmpty() || !(f.get().visibility().equals("public") || f.get().visibility().equals("unlisted"))) return false;
        String visibility = Visibility.infer(a.to(), a.cc(), signer.actor().followers(), List.of()).apiName();
        if (visibility.equals("direct")) return false;
        try {
            statuses.reblog(signer.accountId(), target.get(), a.id(),
                    a.published() == null ? java.time.Instant.now() : a.published(), visibility);
            return true;
        } catch (IllegalArgumentException refused) {
            // blocked by the author, held, or not boostable: a skip, never a retry
            LOG.debug("boost {} refused: {}", a.id(), refused.getMessage());
            return false;
        }
    }

    private static ParsedObject parse(JsonNode object) {
        try {
            return NoteParser.parse(object);
        } catch (ActivityFormatException e) {
            LOG.debug("skipped an object: {}", e.getMessage());
            return null;
        }
    }

    private Optional<Long> localStatus(String uri) {
        if (uri == null || !runtime.uris().isLocal(uri)) return Optional.empty();
        return statuses.idByUri(uri);
    }
}
