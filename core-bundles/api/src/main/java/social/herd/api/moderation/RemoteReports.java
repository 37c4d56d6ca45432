package social.herd.api.moderation;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reports that arrive from other servers (ActivityPub {@code Flag}), provided by the admin bundle
 * for federation. They land in the same moderation queue as local reports, as Mastodon files them.
 */
@ProviderType
public interface RemoteReports {

    /**
     * Files a report by a remote account (usually the other server's instance actor) against a
     * local account.
     *
     * @param reporterAccountId the remote account that sent the Flag
     * @param targetAccountId the local account reported
     * @param statusIds reported posts; only the target's own are kept, others are dropped
     * @param comment the moderator's note from the other server, plain text, may be empty
     * @return the new report's id; empty when the target is not a local account
     */
    Optional<Long> fileRemote(long reporterAccountId, long targetAccountId, List<Long> statusIds, String comment);
}
