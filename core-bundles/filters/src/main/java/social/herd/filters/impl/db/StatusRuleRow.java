package social.herd.filters.impl.db;

/** One row of {@code custom_filter_statuses}: a status the filter matches by id. */
public record StatusRuleRow(long id, long filterId, long statusId) {}
