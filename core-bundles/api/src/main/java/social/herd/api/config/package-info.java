/**
 * Server-wide settings every core bundle reads (public URL, domains, data directory, sign-up mode, role), fed from {@code conf/herd.yaml} and {@code HERD_*} environment variables through ConfigAdmin.
 */
@Export
@Version("1.1.0")
package social.herd.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
