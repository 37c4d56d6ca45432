package social.herd.statuses.impl.db;

import java.time.Instant;

/**
 * One row of {@code polls}; component order = column order of PollMapper.xml's "columns".
 *
 * @param options the option titles as a JSON array (PostgreSQL {@code text[]} read as JSON text,
 *                so no array type handler is needed)
 */
public record PollRow(long id, long statusId, long accountId, String options, boolean multiple, boolean hideTotals,
                      Instant expiresAt) {

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
