/**
 * Small shared-state contracts (cache, pub/sub, cluster locks, rate-limit counters) backed by Redis when configured and by in-process implementations otherwise. Every operation is bounded in time: a slow or absent Redis degrades these services, never the caller.
 */
@Export
@Version("1.0.0")
package social.herd.api.kv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
