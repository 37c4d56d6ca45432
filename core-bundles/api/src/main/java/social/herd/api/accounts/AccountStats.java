package social.herd.api.accounts;

import java.time.Instant;

/**
 * Age and counts of an account as this server knows them: what moderation heuristics judge
 * newcomers by.
 *
 * @param createdAt      when the account was created here (a remote one: first seen)
 * @param followersCount its followers
 * @param statusesCount  its posts
 * @since 1.4
 */
public record AccountStats(Instant createdAt, long followersCount, long statusesCount) {}
