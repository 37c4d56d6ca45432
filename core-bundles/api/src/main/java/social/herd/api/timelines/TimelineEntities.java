package social.herd.api.timelines;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Notifications and conversations rendered for their owner, for the streaming API to push. Both
 * apply the same rules as the REST API (visibility, blocks, mutes, filters): empty means "do not
 * show it".
 */
@ProviderType
public interface TimelineEntities {

    /** The Mastodon Notification entity {@code notificationId} of {@code accountId}. */
    Optional<Object> notification(long accountId, long notificationId);

    /** The Mastodon Conversation entity {@code conversationId} of {@code accountId}. */
    Optional<Object> conversation(long accountId, long conversationId);
}
