package social.herd.api.events;

import org.osgi.annotation.versioning.ProviderType;
import social.herd.api.db.Tx;

/** Publishes domain events. Implemented by the platform bundle. */
@ProviderType
public interface Events {

    /**
     * Publishes in the caller's transaction: every subscriber registered for the event's type gets
     * it, at least once and after the commit, only if that transaction commits. Each subscriber's
     * delivery is its own job, so a failing subscriber is retried without repeating the others.
     */
    void publish(Tx tx, Event event);
}
