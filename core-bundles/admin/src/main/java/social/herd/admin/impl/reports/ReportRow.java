package social.herd.admin.impl.reports;

import java.time.Instant;

/** One row of {@code reports}; component order = the column order of ReportMapper's selects. */
public record ReportRow(long id, long accountId, long targetAccountId, String statusIds, String ruleIds, String comment,
                        String category, boolean forwarded, Instant actionTakenAt, Instant createdAt) {}
