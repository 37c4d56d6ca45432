package social.herd.api.moderation;

import org.osgi.annotation.versioning.ProviderType;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.Verdict;

/**
 * Runs the installed {@code ModerationFilter} plugins over a subject. The result is the first
 * REJECT or HOLD in ranking order; otherwise REWRITE with the union of the asked rewrites, or
 * ACCEPT. Never throws because of a filter: a failing or slow filter is skipped (fail-open) unless
 * the chain is configured to fail closed, in which case the subject is held for review.
 */
@ProviderType
public interface Moderation {

    Verdict review(ModerationSubject subject);

    /**
     * Whether any installed filter looks at subjects of {@code context}. Callers skip gathering
     * what only filters need (author facts, links, stranger counts: database reads) when none does.
     *
     * @since 1.2
     */
    default boolean judges(ModerationContext context) {
        return true;
    }
}
