package social.herd.search.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import social.herd.api.statuses.StatusDirectory;
import social.herd.search.impl.engine.SearchEngine;
import social.herd.search.impl.engine.StatusQuery;
import social.herd.web.api.Json;

/**
 * Mastodon's rule for who finds which post: only signed-in people search posts, and only their
 * own posts, those they favourited, bookmarked or were mentioned in, and public posts of accounts
 * that opted in to being indexed ({@code indexable}). The engine proposes candidates newest first;
 * each is rendered for the searcher by the statuses bundle, so a post they may not see, or one
 * deleted since it was indexed, is never shown.
 */
@Component(service = StatusSearch.class)
public final class StatusSearch {

    /** Candidates looked at per result wanted, and at most, so a sparse match cannot run long. */
    static final int OVERFETCH = 4;
    static final int MAX_CANDIDATES = 400;
    /** Fewest candidates rendered at a time, so a page of mostly hidden posts takes few rounds. */
    static final int MIN_SLICE = 10;

    private final SearchEngine engine;
    private final StatusDirectory statuses;

    @Activate
    public StatusSearch(@Reference(policyOption = ReferencePolicyOption.GREEDY) SearchEngine engine, @Reference StatusDirectory statuses) {
        this.engine = engine;
        this.statuses = statuses;
    }

    /**
     * Up to {@code limit} Status entities for the searcher, newest first, with ids between
     * {@code minId} and {@code maxId} (each exclusive, null: open), after skipping {@code offset}.
     */
    public List<Object> search(long viewerId, StatusQuery query, Long minId, Long maxId, int offset, int limit) {
        List<Object> out = new ArrayList<>();
        if (query.empty()) return out;
        int skip = offset;
        Long below = maxId;
        int seen = 0;
        while (out.size() < limit && seen < MAX_CANDIDATES) {
            int batch = Math.min(MAX_CANDIDATES - seen, (limit - out.size() + skip) * OVERFETCH);
            List<Long> ids = engine.statuses(query, minId, below, batch);
            if (ids.isEmpty()) break;
            seen += ids.size();
            below = ids.get(ids.size() - 1);
            // rendering is the expensive part: render only as many candidates as could still be needed
            for (int pos = 0; pos < ids.size() && out.size() < limit; ) {
                List<Long> slice = ids.subList(pos, Math.min(ids.size(), pos + Math.max(MIN_SLICE, limit - out.size() + skip)));
                pos += slice.size();
                Map<Long, Object> rendered = statuses.render(viewerId, slice, null);
                for (Long id : slice) {
                    Object entity = rendered.get(id);
                    if (entity == null || !allowed(viewerId, entity)) continue;
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                    out.add(entity);
                    if (out.size() == limit) break;
                }
            }
            if (ids.size() < batch) break;
        }
        return out;
    }

    /** Own posts, posts the searcher favourited, bookmarked or was mentioned in, and indexable public posts. */
    @SuppressWarnings("unchecked")
    static boolean allowed(long viewerId, Object entity) {
        Map<String, Object> s = Json.mapper().convertValue(entity, Map.class);
        String me = Long.toString(viewerId);
        if (s.get("account") instanceof Map<?, ?> a && me.equals(String.valueOf(a.get("id")))) return true;
        if (Boolean.TRUE.equals(s.get("favourited")) || Boolean.TRUE.equals(s.get("bookmarked"))) return true;
        // public posts of accounts that opted in to search (Mastodon's "indexable")
        if ("public".equals(s.get("visibility")) && s.get("account") instanceof Map<?, ?> a
                && Boolean.TRUE.equals(a.get("indexable"))) {
            return true;
        }
        if (s.get("mentions") instanceof List<?> mentions) {
            for (Object m : mentions) if (m instanceof Map<?, ?> mm && me.equals(String.valueOf(mm.get("id")))) return true;
        }
        return false;
    }
}
