/**
 * Moderation filters contributed by plugins. Every {@link social.herd.spi.moderation.ModerationFilter}
 * service is asked, in {@code service.ranking} order, about each moderated subject: local posts and
 * edits ({@link social.herd.spi.moderation.LocalPost}), incoming federated activities
 * ({@link social.herd.spi.moderation.IncomingActivity}) and sign-ups
 * ({@link social.herd.spi.moderation.SignUp}). A filter that throws or overruns its time budget is
 * skipped and counted, so a broken plugin never takes posting or signing up down.
 *
 * <p>The bundle provides capability {@code herd.spi=moderation} at this package's version;
 * {@link social.herd.spi.moderation.ModerationFilterProperties} makes plugins require it.
 */
@Export
@Version("1.2.0")
@Capability(namespace = "herd.spi", name = "moderation", version = "1.2.0")
package social.herd.spi.moderation;

import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
