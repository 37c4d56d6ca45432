package social.herd.filters.impl.db;

/** One row of {@code custom_filter_keywords}. */
public record KeywordRow(long id, long filterId, String keyword, boolean wholeWord) {}
