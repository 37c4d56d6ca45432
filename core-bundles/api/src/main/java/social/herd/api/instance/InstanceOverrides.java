package social.herd.api.instance;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import social.herd.api.config.ServerSettings.Registrations;

/**
 * What admins changed about the server at runtime (stored in the database, so every node agrees),
 * over what the configuration file says. Implemented by the admin bundle; sign-up asks it for the
 * registration mode.
 *
 * @since 1.1
 */
@ProviderType
public interface InstanceOverrides {

    /** The registration mode an admin set, or empty to use the configuration's. */
    Optional<Registrations> registrations();

    /**
     * An admin's override of a named instance setting ({@code title}, {@code short_description},
     * {@code privacy_policy}, {@code terms_of_service}, {@code theme}, {@code favicon}, ...), or
     * empty when the configuration's value holds. Since 1.2.
     */
    default Optional<String> setting(String key) {
        return Optional.empty();
    }
}
