/**
 * Sending mail: a mail is enqueued in the caller's transaction and sent later by a worker (SMTP, or a file under data/mail when no SMTP is configured).
 */
@Export
@Version("1.1.0")
package social.herd.api.mail;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
