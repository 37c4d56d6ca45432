package social.herd.federation.impl.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.federation.RemoteAccounts.RemoteActor;
import social.herd.federation.impl.activity.ActivityFormatException;
import social.herd.federation.impl.activity.ActorParser;

/**
 * Remote actors, from the database when known and fresh, else fetched (signed GET), parsed
 * tolerantly and stored through the accounts bundle. An actor document is refreshed once a day,
 * or at once when a signature by its key fails (the key may have been rotated).
 */
@Component(service = ActorStore.class)
public final class ActorStore {

    static final Duration FRESH = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(ActorStore.class);

    private final RemoteAccounts remote;
    private final SignedFetcher fetcher;

    @Activate
    public ActorStore(@Reference RemoteAccounts remote, @Reference SignedFetcher fetcher) {
        this.remote = remote;
        this.fetcher = fetcher;
    }

    /** The account of actor {@code uri}, fetched when unknown or stale. */
    public RemoteAccount byUri(String uri) throws FetchFailure {
        Optional<RemoteAccount> known = remote.byUri(uri);
        if (known.isPresent() && fresh(known.get())) return known.get();
        try {
            return fetch(uri);
        } catch (FetchFailure e) {
            // a stale copy is better than nothing when the server is briefly down
            if (known.isPresent() && e.kind() == FetchFailure.Kind.UNREACHABLE) return known.get();
            throw e;
        }
    }

    /** The account owning {@code keyId}; {@code refresh} re-fetches even a fresh one (failed signature). */
    public RemoteAccount byKeyId(String keyId, boolean refresh) throws FetchFailure {
        if (!refresh) {
            Optional<RemoteAccount> known = remote.byKeyId(keyId);
            if (known.isPresent()) return known.get();
        }
        String doc = keyId.contains("#") ? keyId.substring(0, keyId.indexOf('#')) : keyId;
        JsonNode n = fetcher.get(doc);
        // the keyId may name a Key document (GoToSocial's /main-key): follow its owner
        if (!n.has("inbox") && n.path("owner").isTextual()) return fetch(n.path("owner").asText());
        return store(n, doc);
    }

    /** Fetches and stores the actor at {@code uri} whatever we have. */
    public RemoteAccount fetch(String uri) throws FetchFailure {
        return store(fetcher.get(uri), uri);
    }

    /** The actor document at {@code uri} as published (for fields we do not store, like alsoKnownAs). */
    public JsonNode rawDocument(String uri) throws FetchFailure {
        return fetcher.get(uri);
    }

    /** Stores an actor document fetched from {@code fetchedFrom}. */
    public RemoteAccount store(JsonNode document, String fetchedFrom) throws FetchFailure {
        RemoteActor actor;
        try {
            actor = ActorParser.parse(document, URI.create(fetchedFrom).getAuthority());
        } catch (ActivityFormatException | RuntimeException e) {
            throw new FetchFailure(FetchFailure.Kind.MALFORMED, fetchedFrom + ": " + e.getMessage());
        }
        long id = remote.upsert(actor);
        LOG.debug("stored actor {} as account {}", actor.uri(), id);
        return remote.byId(id).orElseThrow(() -> new FetchFailure(FetchFailure.Kind.REFUSED, actor.uri() + " is suspended"));
    }

    private static boolean fresh(RemoteAccount a) {
        return a.fetchedAt() != null && a.fetchedAt().isAfter(Instant.now().minus(FRESH));
    }
}
