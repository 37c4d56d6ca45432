package social.herd.statuses.impl.db;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Threads (conversation ids) and conversation mutes: what other bundles ask about a status. */
public interface FactsMapper {

    @Select("SELECT conversation_id FROM statuses WHERE id = #{id}")
    Long conversationOf(@Param("id") long statusId);

    @Select("SELECT t.name FROM status_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id = #{id} ORDER BY t.name")
    List<String> tagNames(@Param("id") long statusId);

    @Insert("INSERT INTO conversation_mutes (account_id, conversation_id) VALUES (#{accountId}, #{conversationId})"
            + " ON CONFLICT DO NOTHING")
    int mute(@Param("accountId") long accountId, @Param("conversationId") long conversationId);

    @Delete("DELETE FROM conversation_mutes WHERE account_id = #{accountId} AND conversation_id = #{conversationId}")
    int unmute(@Param("accountId") long accountId, @Param("conversationId") long conversationId);

    @Select("SELECT EXISTS (SELECT 1 FROM conversation_mutes m JOIN statuses s ON s.conversation_id = m.conversation_id"
            + " WHERE s.id = #{statusId} AND m.account_id = #{accountId})")
    boolean muted(@Param("accountId") long accountId, @Param("statusId") long statusId);

    /** Of {@code ids}, the statuses in conversations {@code accountId} muted. */
    @Select("<script>SELECT s.id FROM statuses s JOIN conversation_mutes m ON m.conversation_id = s.conversation_id"
            + " AND m.account_id = #{accountId} WHERE s.id = ANY(<foreach collection='ids' item='i' open='ARRAY['"
            + " separator=',' close=']::bigint[]'>#{i}</foreach>)</script>")
    List<Long> mutedAmong(@Param("accountId") long accountId, @Param("ids") Collection<Long> ids);

    /** The accounts that voted in a poll. */
    @Select("SELECT account_id FROM poll_votes WHERE poll_id = #{pollId} ORDER BY account_id")
    List<Long> pollVoters(@Param("pollId") long pollId);
}
