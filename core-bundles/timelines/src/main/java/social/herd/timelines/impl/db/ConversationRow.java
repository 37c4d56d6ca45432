package social.herd.timelines.impl.db;

/**
 * One participant's view of a direct-message thread.
 *
 * @param id           the conversation id the API shows
 * @param accountId    the participant it belongs to
 * @param threadId     the root status of the thread
 * @param lastStatusId the newest direct status of the thread the participant takes part in
 * @param unread       whether the participant has not read it since the last status arrived
 */
public record ConversationRow(long id, long accountId, long threadId, long lastStatusId, boolean unread) {}
