/**
 * Health checks as whiteboard services; {@code /health/ready} aggregates them.
 */
@Export
@Version("1.0.0")
package social.herd.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
