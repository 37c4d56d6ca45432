/**
 * Server rules contributed by plugins. Every {@link social.herd.spi.rules.RuleProvider} service
 * adds rules to the about page, sign-up, {@code /api/v1/instance} and the report form; removing
 * the service removes its rules at once. The bundle provides capability {@code herd.spi=rules} at
 * this package's version; {@link social.herd.spi.rules.RuleProviderProperties} makes plugins
 * require it.
 */
@Export
@Version("1.1.0")
@Capability(namespace = "herd.spi", name = "rules", version = "1.1.0")
package social.herd.spi.rules;

import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
