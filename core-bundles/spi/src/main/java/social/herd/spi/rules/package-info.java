/**
 * Server rules contributed by plugins. Every {@link social.herd.spi.rules.RuleProvider} service
 * adds rules to the about page, sign-up, {@code /api/v1/instance} and the report form; removing
 * the service removes its rules at once.
 */
@Export
@Version("1.0.0")
package social.herd.spi.rules;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
