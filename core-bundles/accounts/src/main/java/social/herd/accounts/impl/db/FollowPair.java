package social.herd.accounts.impl.db;

/** A removed follow (follower, followed), so that both accounts' counters can be adjusted. */
public record FollowPair(long accountId, long targetAccountId) {}
