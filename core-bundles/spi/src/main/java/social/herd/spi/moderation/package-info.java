/**
 * Moderation filters contributed by plugins. Every {@link social.herd.spi.moderation.ModerationFilter}
 * service is asked, in {@code service.ranking} order, about each moderated subject (today sign-ups;
 * local posts, edits and incoming federated activities join as new {@link
 * social.herd.spi.moderation.ModerationSubject} types). A filter that throws or overruns its time
 * budget is skipped and counted, so a broken plugin never takes posting or signing up down.
 */
@Export
@Version("1.1.0")
package social.herd.spi.moderation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
