package social.herd.statuses.impl.db;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Posts a moderation filter held for review: the moderators' queue. */
public interface HeldMapper {

    String COLUMNS = "s.id, s.account_id, s.text, s.content, s.spoiler_text, s.sensitive, s.visibility, s.in_reply_to_id,"
            + " s.in_reply_to_account_id, s.reblog_of_id, s.reblog_of_account_id, s.language, s.local, s.held, s.with_media,"
            + " s.created_at, s.edited_at, s.deleted_at, s.replies_count, s.reblogs_count, s.favourites_count";

    /** Held, undeleted statuses, newest first, paged by id. */
    @Select("<script>SELECT " + COLUMNS + " FROM statuses s WHERE s.held AND s.deleted_at IS NULL"
            + "<if test='maxId != null'> AND s.id &lt; #{maxId}</if><if test='sinceId != null'> AND s.id &gt; #{sinceId}</if>"
            + " ORDER BY s.id DESC LIMIT #{limit}</script>")
    List<StatusRow> held(@Param("maxId") Long maxId, @Param("sinceId") Long sinceId, @Param("limit") int limit);

    /** Releases a held status; 0 when it was not held (approved twice, or deleted). */
    @Update("UPDATE statuses SET held = false WHERE id = #{id} AND held AND deleted_at IS NULL")
    int release(@Param("id") long id);
}
