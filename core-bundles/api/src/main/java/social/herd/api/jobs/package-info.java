/**
 * The durable job queue in PostgreSQL: enqueue in the caller's transaction, handlers as whiteboard services, at-least-once execution with exponential backoff, dead jobs kept, and cluster-wide periodic tasks.
 */
@Export
@Version("1.0.0")
package social.herd.api.jobs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
