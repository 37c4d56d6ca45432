/**
 * Media attachments as other bundles use them: attach uploads to a status, render them.
 */
@Export
@Version("1.0.0")
package social.herd.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
