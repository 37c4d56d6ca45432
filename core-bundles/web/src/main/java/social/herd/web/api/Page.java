package social.herd.web.api;

import java.util.List;

/**
 * One page of a list answer and the ids its {@code Link} header points on with
 * ({@link PaginationLinks#response}).
 *
 * @param items     what the page shows
 * @param nextMaxId {@code max_id} of the next (older) page, or null when there is none
 * @param prevMinId {@code min_id} of the previous (newer) page, or null for an empty page
 */
public record Page<T>(List<T> items, Long nextMaxId, Long prevMinId) {

    /**
     * The page of {@code items} (newest first) with its links taken from the first and last item's
     * id: what every id-ordered admin list answers.
     *
     * @since 1.2
     */
    public static <T> Page<T> of(List<T> items, java.util.function.ToLongFunction<T> id) {
        return items.isEmpty() ? new Page<>(items, null, null)
                : new Page<>(items, id.applyAsLong(items.get(items.size() - 1)), id.applyAsLong(items.get(0)));
    }
}
