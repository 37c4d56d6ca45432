/**
 * Small shared-state contracts (cache, pub/sub, cluster locks, rate-limit counters, capped feeds of
 * status ids) backed by Redis when configured and by in-process implementations otherwise (feeds:
 * none, the database answers). Every operation is bounded in time: a slow or absent Redis degrades
 * these services, never the caller.
 */
@Export
@Version("1.1.0")
package social.herd.api.kv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
