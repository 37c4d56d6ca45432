package social.herd.streaming.impl.fanout;

import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.api.kv.PubSub;
import social.herd.api.statuses.StatusDirectory;
import social.herd.streaming.impl.StreamMessage;

/**
 * Turns domain events into stream messages and publishes them on {@link PubSub} channel
 * {@value StreamMessage#CHANNEL}, which every streaming node listens on. Runs once per event in the
 * cluster, on whichever worker node delivers it, whatever this node's own role. Delivery of events
 * is at least once, so a client may now and then see an event twice (Mastodon clients key on ids);
 * pub/sub itself is best effort, as Mastodon's is.
 */
@Component(property = {
        EventSubscriber.NAME + "=streaming",
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_CREATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_APPROVED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_UPDATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_DELETED,
        EventSubscriber.TYPES + "=" + EventTypes.NOTIFICATION_CREATED,
        EventSubscriber.TYPES + "=" + EventTypes.FILTERS_CHANGED,
        EventSubscriber.TYPES + "=" + EventTypes.CONVERSATION_UPDATED})
public final class StreamingFanout implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingFanout.class);

    private final Routes routes;
    private final PubSub pubSub;

    @Activate
    public StreamingFanout(@Reference SocialGraph graph, @Reference StatusDirectory statuses, @Reference PubSub pubSub) {
        this.routes = new Routes(graph, statuses);
        this.pubSub = pubSub;
    }

    @Override
    public void on(Event event) {
        List<StreamMessage> messages = routes.messages(event);
        for (StreamMessage m : messages) pubSub.publish(StreamMessage.CHANNEL, m.toJson());
        if (LOG.isDebugEnabled() && !messages.isEmpty()) {
            LOG.debug("stream messages published type={} event={} id={} keys={}", event.type(), messages.get(0).event(),
                    messages.get(0).id(), messages.stream().mapToInt(m -> m.to().size()).sum());
        }
    }
}
