/**
 * Application metrics exposed in the Prometheus text format at {@code /metrics}.
 */
@Export
@Version("1.0.0")
package social.herd.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
