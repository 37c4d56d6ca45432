package social.herd.accounts.impl.db;

import java.time.Instant;

/**
 * One entry of a paginated account list: the relationship row's id (what {@code max_id},
 * {@code since_id} and {@code min_id} refer to) and the account to show.
 *
 * @param expiresAt when the mute ends, for mute lists; null otherwise
 */
public record PageRow(long id, long accountId, Instant expiresAt) {}
