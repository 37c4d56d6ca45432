package social.herd.timelines.impl;

import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.timelines.TimelineEntities;
import social.herd.timelines.impl.conversations.ConversationQueries;
import social.herd.web.api.ApiException;

/** Notifications and conversations for the streaming bundle, through the REST API's own queries. */
@Component(service = TimelineEntities.class)
public final class TimelineEntitiesComponent implements TimelineEntities {

    private final NotificationQueries notifications;
    private final ConversationQueries conversations;

    @Activate
    public TimelineEntitiesComponent(@Reference NotificationQueries notifications,
                                     @Reference ConversationQueries conversations) {
        this.notifications = notifications;
        this.conversations = conversations;
    }

    @Override
    public Optional<Object> notification(long accountId, long notificationId) {
        try {
            return Optional.of(notifications.get(accountId, notificationId));
        } catch (ApiException e) {
            if (e.status() == 404) return Optional.empty(); // dismissed, hidden or filtered meanwhile
            throw e;
        }
    }

    @Override
    public Optional<Object> conversation(long accountId, long conversationId) {
        return conversations.one(accountId, conversationId).map(c -> (Object) c);
    }
}
