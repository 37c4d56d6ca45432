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
public record Page<T>(List<T> items, Long nextMaxId, Long prevMinId) {}
