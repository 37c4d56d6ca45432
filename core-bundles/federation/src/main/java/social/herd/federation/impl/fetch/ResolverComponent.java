package social.herd.federation.impl.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.federation.FederatedStatuses;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.federation.Resolver;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.activity.ApJson;
import social.herd.federation.impl.ingress.NoteStore;

/**
 * Remote accounts and posts on demand, for {@code accounts/lookup} and {@code search?resolve=true}:
 * handles through WebFinger then the actor, URLs by fetching what they name. Every failure is an
 * empty answer (and a debug line), as the contract says.
 */
@Component(service = Resolver.class)
public final class ResolverComponent implements Resolver {

    private static final Logger LOG = LoggerFactory.getLogger(ResolverComponent.class);

    private final WebFingerClient webfinger;
    private final ActorStore actors;
    private final RemoteAccounts remote;
    private final AccountDirectory accounts;
    private final SignedFetcher fetcher;
    private final NoteStore notes;
    private final FederatedStatuses statuses;
    private final FederationRuntime runtime;

    @Activate
    public ResolverComponent(@Reference WebFingerClient webfinger, @Reference ActorStore actors,
                             @Reference RemoteAccounts remote, @Reference AccountDirectory accounts,
                             @Reference SignedFetcher fetcher, @Reference NoteStore notes,
                             @Reference FederatedStatuses statuses, @Reference FederationRuntime runtime) {
        this.webfinger = webfinger;
        this.actors = actors;
        this.remote = remote;
        this.accounts = accounts;
        this.fetcher = fetcher;
        this.notes = notes;
        this.statuses = statuses;
        this.runtime = runtime;
    }

    @Override
    public Optional<Long> account(String handle) {
        if (handle == null) return Optional.empty();
        String h = handle.strip();
        if (h.regionMatches(true, 0, "acct:", 0, 5)) h = h.substring(5);
        if (h.startsWith("@")) h = h.substring(1);
        int at = h.lastIndexOf('@');
        if (at <= 0 || at == h.length() - 1 || h.length() > 300) return Optional.empty();
        String user = h.substring(0, at);
        String domain = h.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.equals(runtime.uris().localDomain().toLowerCase(Locale.ROOT))
                || domain.equals(runtime.uris().webDomain().toLowerCase(Locale.ROOT))) {
            return accounts.localByUsername(user).filter(a -> !a.suspended()).map(AccountSummary::id);
        }
        Optional<RemoteAccount> known = remote.byHandle(user, domain);
        if (known.isPresent()) return Optional.of(known.get().accountId());
        try {
            Optional<String> actor = webfinger.actorUri(user, domain);
            if (actor.isEmpty()) return Optional.empty();
            return Optional.of(actors.byUri(actor.get()).accountId());
        } catch (FetchFailure e) {
            LOG.debug("could not resolve {}: {}", handle, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Found> url(String url) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 2000) {
            return Optional.empty();
        }
        if (runtime.uris().isLocal(url)) {
            Optional<String> user = runtime.uris().usernameOf(url);
            if (user.isPresent()) return user.flatMap(accounts::localByUsername).map(a -> new Found.Account(a.id()));
            return statuses.idByUri(url).map(Found.Status::new);
        }
        Optional<RemoteAccount> knownActor = remote.byUri(url);
        if (knownActor.isPresent()) return Optional.of(new Found.Account(knownActor.get().accountId()));
        Optional<Long> knownStatus = statuses.idByUri(url);
        if (knownStatus.isPresent()) return Optional.of(new Found.Status(knownStatus.get()));
        try {
            JsonNode doc = fetcher.get(url);
            String id = ApJson.id(doc);
            if (id == null) return Optional.empty();
            if (ApJson.types(doc).stream().anyMatch(t -> NoteStore.POST_TYPES.contains(t))) {
                return notes.statusByUri(id, 0).map(Found.Status::new);
            }
            // a profile page URL: the document names the actor by its id, which may differ
            if (!NoteStore.sameHost(id, url)) return Optional.empty();
            return Optional.of(new Found.Account(actors.store(doc, id).accountId()));
        } catch (FetchFailure | RuntimeException e) {
            LOG.debug("could not resolve {}: {}", url, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Published> refetch(String actorUri) {
        if (actorUri == null || runtime.uris().isLocal(actorUri)) return Optional.empty();
        try {
            JsonNode doc = fetcher.get(actorUri);
            if (!actorUri.equals(ApJson.id(doc))) return Optional.empty();
            RemoteAccount stored = actors.store(doc, actorUri);
            return Optional.of(new Published(stored.accountId(), ApJson.ids(doc, "alsoKnownAs")));
        } catch (FetchFailure | RuntimeException e) {
            LOG.debug("could not re-fetch {}: {}", actorUri, e.getMessage());
            return Optional.empty();
        }
    }
}
