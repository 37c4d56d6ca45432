package social.herd.timelines.impl.conversations;

import static social.herd.timelines.impl.EventData.need;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.api.jobs.PermanentJobFailure;

/**
 * Feeds direct statuses into conversations. A subscriber of its own (not part of
 * {@code notifications}) so that a failure in one is retried without repeating the other.
 * Idempotent: recording a status twice changes nothing the second time.
 */
@Component(service = EventSubscriber.class, property = {
        EventSubscriber.NAME + "=conversations",
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_CREATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_APPROVED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_UPDATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_DELETED})
public final class ConversationSubscriber implements EventSubscriber {

    private final ConversationService conversations;

    @Activate
    public ConversationSubscriber(@Reference ConversationService conversations) {
        this.conversations = conversations;
    }

    @Override
    public void on(Event event) throws PermanentJobFailure {
        if (event.type().equals(EventTypes.STATUS_DELETED)) {
            // whatever its visibility: the deletion event of a direct status may be the only word of it
            conversations.deleted(need(event, "status_id"));
            return;
        }
        if (!"direct".equals(event.string("visibility")) || event.id("reblog_of_id") != null) return;
        conversations.stored(need(event, "status_id"), need(event, "account_id"), event.id("in_reply_to_id"),
                event.ids("mentions"), event.type().equals(EventTypes.STATUS_UPDATED));
    }
}
