/**
 * The moderation chain core bundles call: it asks every moderation-filter plugin about a subject
 * and combines their verdicts.
 */
@Export
@Version("1.2.0")
package social.herd.api.moderation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
