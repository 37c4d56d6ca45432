package social.herd.api.instance;

import java.util.Locale;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the server says about itself, as the web pages show it: the same facts as Mastodon's
 * {@code GET /api/v1/instance} (title, descriptions, contact, statistics, registration mode and
 * the rules in the reader's language), with admins' overrides applied. Since 1.2.
 */
@ProviderType
public interface InstanceInfo {

    /**
     * Mastodon's v1 Instance entity as it would be served now; serialise it with the web bundle's
     * JSON configuration to read its fields.
     */
    Object describe(Locale locale);
}
