package social.herd.spi.moderation;

/**
 * Where a subject comes from. A filter lists the contexts it wants in
 * {@link ModerationFilterProperties#contexts()}; the chain does not call it for the others.
 *
 * @since 1.2
 */
public enum ModerationContext {
    /** A new post by a local account ({@link LocalPost} with {@code edit == false}). */
    LOCAL_POST,
    /** An edit of a local post ({@link LocalPost} with {@code edit == true}). */
    EDIT,
    /** An activity from another server ({@link IncomingActivity}). */
    INCOMING,
    /** Somebody signing up ({@link SignUp}). */
    SIGN_UP;

    /** The name used in configuration and service properties: {@code local_post}, {@code edit}, ... */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
