package social.herd.search.impl.index;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.api.jobs.PermanentJobFailure;

/**
 * Turns status and account events into index work: created, approved, edited (visibility
 * included) and deleted posts, deleted and suspended accounts (their documents go) and accounts
 * back from suspension (indexed again). The work is written to the {@link Backlog} in PostgreSQL,
 * never straight to the engine, so an event is handled even while OpenSearch is down; the
 * {@link IndexWorker} is woken to write it out. Boosts are not indexed.
 */
@Component(service = EventSubscriber.class, property = {
        EventSubscriber.NAME + "=search",
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_CREATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_APPROVED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_UPDATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_DELETED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_DELETED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_SUSPENDED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_UNSUSPENDED})
public final class Indexer implements EventSubscriber {

    private final Backlog backlog;
    /** Absent on nodes that run no workers (the work then waits for a worker node's poll). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile IndexWorker worker;

    @Activate
    public Indexer(@Reference Backlog backlog) {
        this.backlog = backlog;
    }

    @Override
    public void on(Event event) throws PermanentJobFailure {
        switch (event.type()) {
            case EventTypes.ACCOUNT_DELETED, EventTypes.ACCOUNT_SUSPENDED -> backlog.add(Backlog.ACCOUNT_GONE, account(event));
            case EventTypes.ACCOUNT_UNSUSPENDED -> backlog.add(Backlog.ACCOUNT_BACK, account(event));
            default -> {
                Long id = event.id("status_id");
                if (id == null) throw new PermanentJobFailure("status event without status_id");
                if (event.id("reblog_of_id") != null) return;
                backlog.add(Backlog.STATUS, id);
            }
        }
        IndexWorker w = worker;
        if (w != null) w.kick();
    }

    private static long account(Event event) throws PermanentJobFailure {
        Long account = event.id("account_id");
        if (account == null) throw new PermanentJobFailure("account event without account_id");
        return account;
    }
}
