/**
 * Domain events: facts one bundle publishes in the transaction that made them true, delivered
 * durably (through the job queue) to every subscribing bundle — notifications, timelines,
 * streaming, search — so the writer never calls them directly and never waits for them.
 */
@Export
@Version("1.3.0")
package social.herd.api.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
