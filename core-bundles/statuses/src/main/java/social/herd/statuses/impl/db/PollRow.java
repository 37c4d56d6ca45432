package social.herd.statuses.impl.db;

import java.time.Instant;

/**
 * One row of {@code polls}; component order = column order of PollMapper.xml's "columns".
 *
 * @param options      the option titles as a JSON array (PostgreSQL {@code text[]} read as JSON text,
 *                     so no array type handler is needed)
 * @param expiresAt    the end; null for a remote poll without one
 * @param remoteVotes  a remote poll's counts per option as its server reported them (JSON array),
 *                     null for a local poll
 * @param remoteVoters a remote poll's voters count as reported, or null
 */
public record PollRow(long id, long statusId, long accountId, String options, boolean multiple, boolean hideTotals,
                      Instant expiresAt, String remoteVotes, Integer remoteVoters) {

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** True for a poll of another server: its counts come from there. */
    public boolean remote() {
        return remoteVotes != null;
    }
}
