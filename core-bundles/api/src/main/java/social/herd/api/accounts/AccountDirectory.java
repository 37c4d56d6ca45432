package social.herd.api.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** Accounts as other bundles see them: facts for decisions, and Mastodon Account entities to embed. */
@ProviderType
public interface AccountDirectory {

    Optional<AccountSummary> byId(long accountId);

    /** A local account by username (case-insensitive), e.g. for {@code @alice} mentions. */
    Optional<AccountSummary> localByUsername(String username);

    /**
     * Mastodon Account entities, ready to serialise with the web bundle's JSON setup, keyed by id;
     * unknown and suspended accounts are left out.
     */
    Map<Long, Object> render(Collection<Long> accountIds);

    /**
     * The actor ids a local account also answers to ({@code alsoKnownAs}): accounts its owner
     * allowed to move here. Empty for remote and unknown accounts.
     */
    List<String> alsoKnownAs(long accountId);

    /**
     * Age and counts of an account; empty for an unknown one.
     *
     * @since 1.4
     */
    default Optional<AccountStats> stats(long accountId) {
        return Optional.empty();
    }

    /**
     * How many of {@code accountIds} do not follow {@code authorId}: the "strangers" a post
     * mentions, which spam filters look at.
     *
     * @since 1.4
     */
    default int strangers(long authorId, Collection<Long> accountIds) {
        return 0;
    }

    /**
     * A known account by handle: local when {@code domain} is null or blank, else an account of
     * that server already stored here (nothing is fetched). Suspended accounts are returned; the
     * caller decides what to show. Since 1.5.
     */
    default Optional<AccountSummary> byAcct(String username, String domain) {
        return domain == null || domain.isBlank() ? localByUsername(username) : Optional.empty();
    }

    /**
     * Accounts a moderator limited (silenced): their posts stay out of the public and hashtag
     * timelines of everyone who does not follow them. Changes reach callers within seconds. Since 1.5.
     */
    default Set<Long> limited() {
        return Set.of();
    }

    /** Accounts whose media a moderator forced to be marked sensitive. Since 1.5. */
    default Set<Long> sensitized() {
        return Set.of();
    }

    /**
     * Live accounts whose username or display name starts with {@code q} (a leading {@code @} and a
     * {@code @domain} part are ignored), as Mastodon Account entities, best match first. Since 1.5.
     */
    default List<Object> search(String q, int limit) {
        return List.of();
    }
}
