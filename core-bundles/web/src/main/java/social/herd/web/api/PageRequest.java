package social.herd.web.api;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Pattern;

/**
 * Mastodon's pagination parameters, parsed and checked.
 *
 * <ul>
 *   <li>{@code max_id}: return results older than this id (exclusive);</li>
 *   <li>{@code since_id}: return results newer than this id, newest first (gaps possible);</li>
 *   <li>{@code min_id}: return results immediately newer than this id (paging backwards, no gap);</li>
 *   <li>{@code limit}: page size, defaulting per endpoint (usually 20) and clamped to
 *       {@code 1..maxLimit}; a non-numeric limit falls back to the default, as Mastodon does.</li>
 * </ul>
 * A non-numeric id answers 400 ({@link ApiException}). An empty value counts as absent.
 *
 * @param maxId   {@code max_id} or {@code null}
 * @param sinceId {@code since_id} or {@code null}
 * @param minId   {@code min_id} or {@code null}
 * @param limit   page size, within {@code 1..maxLimit}
 */
public record PageRequest(Long maxId, Long sinceId, Long minId, int limit) {

    /** Mastodon's usual page size. */
    public static final int DEFAULT_LIMIT = 20;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Parses the request's query with the default limit 20 clamped to {@code maxLimit}. */
    public static PageRequest from(UriInfo uriInfo, int maxLimit) {
        return from(uriInfo.getQueryParameters(), Math.min(DEFAULT_LIMIT, maxLimit), maxLimit);
    }

    /** Parses the request's query with an endpoint-specific default and maximum. */
    public static PageRequest from(UriInfo uriInfo, int defaultLimit, int maxLimit) {
        return from(uriInfo.getQueryParameters(), defaultLimit, maxLimit);
    }

    /**
     * Parses decoded query parameters.
     *
     * @throws ApiException 400 when an id is not numeric
     */
    public static PageRequest from(MultivaluedMap<String, String> query, int defaultLimit, int maxLimit) {
        if (maxLimit < 1 || defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("need 1 <= defaultLimit <= maxLimit");
        }
        return new PageRequest(
                id(query, "max_id"),
                id(query, "since_id"),
                id(query, "min_id"),
                limit(query.getFirst("limit"), defaultLimit, maxLimit));
    }

    /** True when the page is read oldest-first from {@code min_id} (then reverse it before answering). */
    public boolean ascending() {
        return minId != null;
    }

    /**
     * {@code rows} as read for this request, put newest first: reversed when they were read
     * oldest-first from {@code min_id}.
     *
     * @since 1.2
     */
    public <T> java.util.List<T> newestFirst(java.util.List<T> rows) {
        if (!ascending()) return rows;
        java.util.List<T> out = new java.util.ArrayList<>(rows);
        java.util.Collections.reverse(out);
        return out;
    }

    private static Long id(MultivaluedMap<String, String> query, String name) {
        String value = query.getFirst(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (!DIGITS.matcher(trimmed).matches()) {
            throw ApiException.badRequest(name + " must be a numeric id");
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a numeric id");
        }
    }

    private static int limit(String value, int defaultLimit, int maxLimit) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return defaultLimit;
        }
        return (int) Math.max(1, Math.min(maxLimit, parsed));
    }
}
