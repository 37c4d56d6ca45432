package social.herd.timelines.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/** Mastodon paging over rows read newest first (or oldest first from {@code min_id}), some of which are dropped. */
public final class Paging {

    /** Rounds of over-reading when dropped rows leave a page short, so a page is not needlessly short. */
    private static final int MAX_ROUNDS = 5;

    private Paging() {}

    /**
     * Reads batches and keeps what {@code keep} lets through until {@code page.limit()} items are
     * found or the rows run out; answers the items newest first with Mastodon's links: "next" after
     * a full page, "prev" for any non-empty page.
     *
     * @param query reads a batch of rows for a page request (newest first, oldest first with min_id)
     * @param keep  turns a batch into (row id, item) pairs of the rows that may be shown, in order
     */
    public static <R, T> Page<T> fill(PageRequest page, Function<PageRequest, List<R>> query,
                                      Function<List<R>, List<Kept<T>>> keep, ToLongFunction<R> id) {
        List<Kept<T>> out = new ArrayList<>();
        PageRequest cursor = page;
        for (int round = 0; round < MAX_ROUNDS && out.size() < page.limit(); round++) {
            List<R> batch = query.apply(cursor);
            for (Kept<T> k : keep.apply(batch)) {
                if (out.size() < page.limit()) out.add(k);
            }
            if (batch.size() < cursor.limit()) break;
            long last = id.applyAsLong(batch.get(batch.size() - 1));
            cursor = page.ascending() ? new PageRequest(null, page.sinceId(), last, page.limit())
                    : new PageRequest(last, page.sinceId(), null, page.limit());
        }
        if (page.ascending()) Collections.reverse(out);
        Long next = out.size() >= page.limit() ? out.get(out.size() - 1).id() : null;
        Long prev = out.isEmpty() ? null : out.get(0).id();
        return new Page<>(out.stream().map(Kept::item).toList(), next, prev);
    }

    /** An item that may be shown and the id of the row it came from (what the links page by). */
    public record Kept<T>(long id, T item) {}
}
