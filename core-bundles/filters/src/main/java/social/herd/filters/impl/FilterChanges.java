package social.herd.filters.impl;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Tx;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.events.Events;

/**
 * What follows every change of an account's filters: {@link EventTypes#FILTERS_CHANGED} in the
 * changing transaction (streaming tells the account's clients), and after the commit the cached
 * compiled filters are dropped here and announced to the other nodes.
 */
@Component(service = FilterChanges.class)
public final class FilterChanges {

    private static final Logger LOG = LoggerFactory.getLogger(FilterChanges.class);

    private final Events events;
    private final FilterCache cache;

    @Activate
    public FilterChanges(@Reference Events events, @Reference FilterCache cache) {
        this.events = events;
        this.cache = cache;
    }

    /** Call once per changing transaction, after its writes. */
    void changed(Tx tx, long accountId) {
        events.publish(tx, new Event(EventTypes.FILTERS_CHANGED, Map.of("account_id", accountId)));
        // after commit, not now: a reader between now and the commit would cache the old filters again
        tx.afterCommit(() -> {
            cache.invalidate(accountId, true);
            LOG.debug("filters changed account_id={}", accountId);
        });
    }
}
