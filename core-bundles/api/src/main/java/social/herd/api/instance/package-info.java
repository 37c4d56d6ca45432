/**
 * What the server says about itself to everyone: its current rules (from every rule plugin).
 */
@Export
@Version("1.2.0")
package social.herd.api.instance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
