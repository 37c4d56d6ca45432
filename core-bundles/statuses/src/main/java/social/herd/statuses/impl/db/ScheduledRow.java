package social.herd.statuses.impl.db;

import java.time.Instant;

/** One row of {@code scheduled_statuses}; {@code params} is the post request as JSON. */
public record ScheduledRow(long id, long accountId, Instant scheduledAt, String params, Instant createdAt) {}
