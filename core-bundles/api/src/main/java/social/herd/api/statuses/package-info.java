/**
 * Statuses as other bundles see them (notifications, streaming, search, federation): facts for
 * decisions and Mastodon Status entities to embed, always as a given viewer may see them.
 */
@Export
@Version("1.2.0")
package social.herd.api.statuses;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
