/**
 * Favicons contributed by plugins: {@link social.herd.spi.favicon.FaviconSet} services, one of
 * which the admin makes active. The bundle provides capability {@code herd.spi=favicon} at this
 * package's version.
 */
@Export
@Version("1.1.0")
@Capability(namespace = "herd.spi", name = "favicon", version = "1.1.0")
package social.herd.spi.favicon;

import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
