/**
 * Commands of {@code bin/herd} implemented inside the runtime ({@code herd accounts create ...}).
 */
@Export
@Version("1.0.0")
package social.herd.api.cli;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
