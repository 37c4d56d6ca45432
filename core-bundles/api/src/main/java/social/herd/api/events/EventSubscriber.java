package social.herd.api.events;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives domain events. Register as a whiteboard service with {@value #TYPES} (the event types
 * wanted) and {@value #NAME} (a name unique in the cluster, which routes durable deliveries back to
 * this subscriber on whichever node runs them).
 */
@ConsumerType
public interface EventSubscriber {

    /** Service property: the {@link EventTypes} this subscriber receives (String or String[]). */
    String TYPES = "herd.event.types";

    /** Service property: the subscriber's stable, unique name, e.g. {@code notifications}. */
    String NAME = "herd.event.subscriber";

    /**
     * Handles one event. Delivery is at least once, so this must be idempotent. Throwing retries
     * the delivery with backoff; {@link social.herd.api.jobs.PermanentJobFailure} gives up.
     */
    void on(Event event) throws Exception;
}
