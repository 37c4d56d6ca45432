package social.herd.statuses.impl.db;

/**
 * A pair of ids from a list query: {@code id} is the row paged by ({@code max_id} and friends),
 * {@code target} what it points at (an account for favourited_by, a status for bookmarks), or a
 * (status, account) pair for mentions.
 */
public record Ref(long id, long target) {}
