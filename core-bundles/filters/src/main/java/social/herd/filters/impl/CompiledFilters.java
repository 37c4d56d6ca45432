package social.herd.filters.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.herd.api.filters.ContentFilters.Outcome;
import social.herd.api.filters.ContentFilters.Subject;
import social.herd.filters.impl.FilterEntities.Filter;
import social.herd.filters.impl.FilterEntities.FilterResult;
import social.herd.filters.impl.FilterEntities.FilterStatus;
import social.herd.filters.impl.FilterEntities.MatchedFilter;

/**
 * One account's filters, ready to match: keywords compiled, status ids in a set, the FilterResult's
 * filter entity built once. Immutable, so the cache hands the same instance to every request.
 */
final class CompiledFilters {

    /** An account without filters: the common case, answered without allocating. */
    static final CompiledFilters NONE = new CompiledFilters(List.of());

    private record One(MatchedFilter entity, Set<String> contexts, Instant expiresAt, boolean hide,
                       KeywordMatcher keywords, Set<Long> statusIds) {

        boolean activeIn(String context, Instant now) {
            return contexts.contains(context) && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    private final List<One> filters;

    private CompiledFilters(List<One> filters) {
        this.filters = filters;
    }

    static CompiledFilters of(List<Filter> filters) {
        if (filters.isEmpty()) return NONE;
        List<One> out = new ArrayList<>(filters.size());
        for (Filter f : filters) {
            Set<Long> statusIds = new HashSet<>();
            for (FilterStatus s : f.statuses()) statusIds.add(Long.parseLong(s.statusId()));
            out.add(new One(FilterEntities.matched(f), Set.copyOf(f.context()), f.expiresAt(),
                    FilterRules.HIDE.equals(f.filterAction()), KeywordMatcher.of(f.keywords()), Set.copyOf(statusIds)));
        }
        return new CompiledFilters(List.copyOf(out));
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    int size() {
        return filters.size();
    }

    /** The outcome per matched subject, as {@link social.herd.api.filters.ContentFilters#apply} answers. */
    Map<Long, Outcome> apply(String context, Collection<Subject> subjects, Instant now) {
        List<One> active = new ArrayList<>(filters.size());
        for (One f : filters) {
            if (f.activeIn(context, now)) active.add(f);
        }
        if (active.isEmpty() || subjects.isEmpty()) return Map.of();
        Map<Long, Outcome> out = new HashMap<>();
        for (Subject s : subjects) {
            List<Object> results = null;
            boolean hide = false;
            for (One f : active) {
                List<String> keywordMatches = f.keywords() == null ? null : f.keywords().matches(s.text());
                List<String> statusMatches = f.statusIds().contains(s.statusId()) ? List.of(Long.toString(s.statusId())) : null;
                if (keywordMatches == null && statusMatches == null) continue;
                if (results == null) results = new ArrayList<>(1);
                results.add(new FilterResult(f.entity(), keywordMatches, statusMatches));
                hide |= f.hide();
            }
            if (results != null) out.put(s.statusId(), new Outcome(List.copyOf(results), hide));
        }
        return out;
    }
}
