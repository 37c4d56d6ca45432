/** What the timelines bundle (notifications, conversations) offers other bundles, e.g. streaming. */
@Export
@Version("1.0.0")
package social.herd.api.timelines;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
