package social.herd.api.federation;

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
}
