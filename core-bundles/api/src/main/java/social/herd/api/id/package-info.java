/**
 * Time-sortable 64-bit identifiers, Mastodon style: milliseconds since the epoch in the high 48 bits, a sequence in the low 16. The API renders them as strings.
 */
@Export
@Version("1.0.0")
package social.herd.api.id;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
