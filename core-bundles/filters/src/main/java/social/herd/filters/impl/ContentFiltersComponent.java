package social.herd.filters.impl;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.filters.ContentFilters;

/**
 * The viewer's filters v2 applied to statuses being rendered. Called on every timeline request:
 * the filters come from {@link FilterCache} (no SQL once cached, also for accounts without any),
 * and a filter's expiry is checked against the clock here, so one that expires while cached stops
 * matching on time.
 */
@Component(service = ContentFilters.class)
public final class ContentFiltersComponent implements ContentFilters {

    private final FilterCache cache;
    private final Clock clock;

    @Activate
    public ContentFiltersComponent(@Reference FilterCache cache) {
        this(cache, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public ContentFiltersComponent(FilterCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Map<Long, Outcome> apply(long viewerId, String context, Collection<Subject> subjects) {
        if (context == null || subjects == null || subjects.isEmpty()) return Map.of();
        CompiledFilters filters = cache.get(viewerId);
        if (filters.isEmpty()) return Map.of();
        return filters.apply(context, subjects, clock.instant());
    }
}
