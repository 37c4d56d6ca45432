/**
 * Themes: resource bundles described by {@link social.herd.spi.theme.Themes}. The bundle provides
 * capability {@code herd.spi=theme} at this package's version for theme manifests to require.
 */
@Export
@Version("1.0.0")
@Capability(namespace = "herd.spi", name = "theme", version = "1.0.0")
package social.herd.spi.theme;

import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
