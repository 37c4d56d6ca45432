package social.herd.statuses.impl.db;

import java.time.Instant;

/** One row of {@code lists}. */
public record ListRow(long id, long accountId, String title, String repliesPolicy, boolean exclusive, Instant createdAt) {}
