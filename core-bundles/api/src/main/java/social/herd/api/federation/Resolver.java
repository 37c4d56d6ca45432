package social.herd.api.federation;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Finding remote accounts and posts on demand, provided by federation for the client API
 * ({@code /api/v1/accounts/lookup}, {@code /api/v2/search?resolve=true}).
 *
 * <p>Both methods may fetch over the network (WebFinger, then a signed GET of the actor or
 * object) and so take up to the federation fetch timeout; known and fresh records are answered
 * from the database. Failures (unreachable host, refused private address, not found, blocked
 * domain, malformed document) answer {@link Optional#empty()}; they never throw.
 */
@ProviderType
public interface Resolver {

    /** The account for {@code user@domain} (with or without a leading {@code @}, or {@code acct:}). */
    Optional<Long> account(String handle);

    /** What an https URL names: a remote (or local) account or a status. */
    sealed interface Found permits Found.Account, Found.Status {
        record Account(long accountId) implements Found {}
        record Status(long statusId) implements Found {}
    }

    /** The account or status at {@code url}, fetched when unknown. */
    Optional<Found> url(String url);

    /**
     * A remote actor as its server publishes it now.
     *
     * @param accountId its (refreshed) account
     * @param alsoKnownAs the actor ids it lists as its other names
     */
    record Published(long accountId, List<String> alsoKnownAs) {}

    /**
     * Fetches the remote actor at {@code actorUri} again, never answering from the cache, and
     * stores its profile: for checks that must see the current document, such as a move's
     * target naming the moving account. Empty for local, unreachable or refused actors.
     */
    Optional<Published> refetch(String actorUri);
}
