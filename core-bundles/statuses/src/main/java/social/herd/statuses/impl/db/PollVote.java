package social.herd.statuses.impl.db;

/** One account's vote on a poll; {@code choices} is a JSON array of option indexes. */
public record PollVote(long pollId, String choices) {}
