package social.herd.spi.moderation;

/**
 * Something a moderation filter is asked about. Filters test for the types they understand
 * ({@code if (subject instanceof SignUp s)}) and accept the rest; new subject types are added
 * without breaking existing filters.
 */
public interface ModerationSubject {
}
