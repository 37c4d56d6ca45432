package social.herd.filters.impl.db;

import java.time.Instant;

/**
 * One row of {@code custom_filters} with its rules; component order = column order of
 * FilterMapper.xml's "columns".
 *
 * @param context  the contexts as a JSON array of strings
 * @param keywords the keywords as a JSON array of {@code {id, keyword, whole_word}} (ids as strings)
 * @param statuses the statuses as a JSON array of {@code {id, status_id}} (ids as strings)
 */
public record FilterRow(long id, long accountId, String title, String context, String action, Instant expiresAt,
                        String keywords, String statuses) {}
