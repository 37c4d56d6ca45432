package social.herd.statuses.impl.db;

/** Votes for one option of a poll; options without votes have no row. */
public record PollTally(long pollId, int choice, int votes) {}
