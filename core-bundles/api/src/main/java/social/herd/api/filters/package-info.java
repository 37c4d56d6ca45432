/** The viewer's content filters (Mastodon filters v2), applied when statuses are rendered. */
@Export
@Version("1.0.0")
package social.herd.api.filters;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
