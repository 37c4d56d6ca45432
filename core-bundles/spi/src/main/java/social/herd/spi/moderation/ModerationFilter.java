package social.herd.spi.moderation;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service a plugin registers to moderate sign-ups (and, later, posts and federated
 * activities). Filters run in {@code service.ranking} order (highest first); the first REJECT or
 * HOLD decides. Each call must answer within its time budget (default 200 ms, PID
 * {@code social.herd.moderation}); otherwise it is skipped and counted — unless the admin
 * configured the chain to fail closed.
 */
@ConsumerType
public interface ModerationFilter {

    /**
     * Judges one subject. Return {@link Verdict#accept()} for subject types the filter does not
     * know. Must not block on slow I/O.
     */
    Verdict review(ModerationSubject subject);
}
