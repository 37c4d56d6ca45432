package social.herd.spi.moderation;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service a plugin registers to moderate local posts and edits, incoming federated
 * activities and sign-ups. Annotate the component with {@link ModerationFilterProperties}.
 *
 * <p>Filters run in {@code service.ranking} order (highest first); the first REJECT or HOLD
 * decides, REWRITEs add up. Each call must answer within its time budget (its own
 * {@code herd.filter.budget}, else the chain's, default 200 ms, PID {@code social.herd.moderation});
 * otherwise it is skipped and counted, unless it or the whole chain is configured to fail closed,
 * in which case the subject is held for review. Every non-accepting decision is recorded with the
 * filter's name and reason for moderators to see.
 */
@ConsumerType
public interface ModerationFilter {

    /**
     * Judges one subject. Return {@link Verdict#accept()} for subject types the filter does not
     * know. Must not block on slow I/O; may be called from many threads at once.
     */
    Verdict review(ModerationSubject subject);
}
