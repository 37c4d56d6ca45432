package social.herd.spi.moderation;

import java.util.Objects;
import java.util.Set;

/**
 * A filter's answer about one subject.
 *
 * @param decision what to do
 * @param reason   why, for the person affected (reject) or the moderators (hold); empty for accept
 * @param rewrites what to change (only with {@link Decision#REWRITE}; ignored for subjects that
 *                 cannot be rewritten, such as sign-ups)
 */
public record Verdict(Decision decision, String reason, Set<Rewrite> rewrites) {

    /** What happens to the subject. Later filters still run after ACCEPT and REWRITE. */
    public enum Decision {
        /** Let it through. */
        ACCEPT,
        /** Refuse it; no later filter runs. */
        REJECT,
        /** Let it through changed as {@link Verdict#rewrites()} says. */
        REWRITE,
        /** Keep it for a moderator to decide (a sign-up then needs approval). */
        HOLD
    }

    /** Changes a filter may ask for on posts. */
    public enum Rewrite { MARK_SENSITIVE, ADD_CONTENT_WARNING, STRIP_MEDIA, LOWER_VISIBILITY, DROP_MENTIONS }

    public Verdict {
        Objects.requireNonNull(decision, "decision");
        reason = reason == null ? "" : reason;
        rewrites = Set.copyOf(rewrites == null ? Set.of() : rewrites);
    }

    public static Verdict accept() {
        return new Verdict(Decision.ACCEPT, "", Set.of());
    }

    public static Verdict reject(String reason) {
        return new Verdict(Decision.REJECT, reason, Set.of());
    }

    public static Verdict hold(String reason) {
        return new Verdict(Decision.HOLD, reason, Set.of());
    }

    public static Verdict rewrite(String reason, Set<Rewrite> rewrites) {
        return new Verdict(Decision.REWRITE, reason, rewrites);
    }
}
