package social.herd.spi.moderation;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Something a moderation filter is asked about. Filters test for the types they understand
 * ({@code if (subject instanceof SignUp s)}) and accept the rest; new subject types are added
 * without breaking existing filters. Only core creates subjects.
 */
@ProviderType
public interface ModerationSubject {

    /**
     * Where the subject comes from.
     *
     * @since 1.2
     */
    ModerationContext context();
}
