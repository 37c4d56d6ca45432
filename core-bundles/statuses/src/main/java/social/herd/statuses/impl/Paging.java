package social.herd.statuses.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/** Mastodon paging over rows read newest first (or oldest first from {@code min_id}). */
public final class Paging {

    /** Rounds of over-reading when filtering empties a page, so a page is never needlessly short. */
    private static final int MAX_ROUNDS = 5;

    private Paging() {}

    /**
     * Reads pages of candidates and keeps those {@code keep} lets through until {@code page.limit()}
     * are found or the candidates run out. Answers newest first whatever the direction.
     *
     * @param query reads candidates for a page request (newest first, oldest first with min_id)
     * @param keep  filters a batch of candidates (visibility), keeping their order
     */
    public static <R> List<R> fill(PageRequest page, Function<PageRequest, List<R>> query, Function<List<R>, List<R>> keep,
                            ToLongFunction<R> id) {
        List<R> out = new ArrayList<>();
        PageRequest cursor = page;
        for (int round = 0; round < MAX_ROUNDS && out.size() < page.limit(); round++) {
            List<R> batch = query.apply(cursor);
            for (R r : keep.apply(batch)) {
                if (out.size() < page.limit()) out.add(r);
            }
            if (batch.size() < cursor.limit()) break;
            long last = id.applyAsLong(batch.get(batch.size() - 1));
            cursor = page.ascending() ? new PageRequest(null, page.sinceId(), last, page.limit())
                    : new PageRequest(last, page.sinceId(), null, page.limit());
        }
        if (page.ascending()) Collections.reverse(out);
        return out;
    }

    /**
     * A page as Mastodon links it: "next" after a full page, "prev" for any non-empty page; the ids
     * are those of the rows paged by (favourite row ids for favourites, status ids for timelines).
     */
    public static <T, R> Page<T> page(List<T> items, List<R> rows, PageRequest page, ToLongFunction<R> id) {
        Long next = rows.size() >= page.limit() ? id.applyAsLong(rows.get(rows.size() - 1)) : null;
        Long prev = rows.isEmpty() ? null : id.applyAsLong(rows.get(0));
        return new Page<>(items, next, prev);
    }

    /** Rows read oldest first (from min_id) turned newest first. */
    public static <R> List<R> newestFirst(List<R> rows, PageRequest page) {
        if (!page.ascending()) return rows;
        List<R> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        return reversed;
    }
}
