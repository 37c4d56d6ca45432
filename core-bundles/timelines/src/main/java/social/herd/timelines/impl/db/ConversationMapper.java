package social.herd.timelines.impl.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Direct statuses, their participants and the per-participant conversations; statements in ConversationMapper.xml. */
public interface ConversationMapper {

    /** (conversation, participant) pairs, for rendering the accounts of several conversations at once. */
    record Member(long conversationId, long accountId) {}

    /** The thread a recorded direct status belongs to, or null. */
    Long threadOf(@Param("statusId") long statusId);

    int insertStatus(@Param("statusId") long statusId, @Param("threadId") long threadId, @Param("accountId") long accountId);

    List<Long> participants(@Param("statusId") long statusId);

    int addParticipant(@Param("statusId") long statusId, @Param("accountId") long accountId);

    int removeParticipant(@Param("statusId") long statusId, @Param("accountId") long accountId);

    /** Forgets a deleted direct status (its participants go with it). */
    int deleteStatus(@Param("statusId") long statusId);

    /**
     * Puts {@code statusId} into the participant's conversation of the thread, creating it. Only a
     * status newer than the conversation's last moves it and sets {@code unread}, so a redelivered
     * event changes nothing. Answers the conversation id when something changed, else null.
     */
    Long upsert(@Param("id") long id, @Param("accountId") long accountId, @Param("threadId") long threadId,
                @Param("statusId") long statusId, @Param("unread") boolean unread, @Param("now") Instant now);

    /** The participant's conversation of the thread, or null. */
    ConversationRow inThread(@Param("accountId") long accountId, @Param("threadId") long threadId);

    /** The newest direct status of the thread that {@code accountId} takes part in, or null. */
    Long latestFor(@Param("accountId") long accountId, @Param("threadId") long threadId);

    int setLast(@Param("id") long id, @Param("statusId") long statusId, @Param("now") Instant now);

    ConversationRow byId(@Param("accountId") long accountId, @Param("id") long id);

    /** A page by last status id: newest first, oldest first from min_id. */
    List<ConversationRow> page(@Param("accountId") long accountId, @Param("maxId") Long maxId,
                               @Param("sinceId") Long sinceId, @Param("minId") Long minId, @Param("limit") int limit);

    /** The participants other than the owner of each conversation, over all its statuses. */
    List<Member> others(@Param("ids") Collection<Long> conversationIds);

    int markRead(@Param("accountId") long accountId, @Param("id") long id);

    int delete(@Param("accountId") long accountId, @Param("id") long id);
}
