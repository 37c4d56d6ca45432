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
}
