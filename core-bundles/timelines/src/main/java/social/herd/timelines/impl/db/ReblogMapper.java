package social.herd.timelines.impl.db;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Who reblogged which status, as status.created events told it (for {@code update} notifications). */
public interface ReblogMapper {

    @Insert("INSERT INTO notification_reblogs (reblog_id, account_id, status_id) VALUES (#{reblogId}, #{accountId},"
            + " #{statusId}) ON CONFLICT DO NOTHING")
    int insert(@Param("reblogId") long reblogId, @Param("accountId") long accountId, @Param("statusId") long statusId);

    @Select("SELECT DISTINCT account_id FROM notification_reblogs WHERE status_id = #{statusId} ORDER BY account_id")
    List<Long> rebloggers(@Param("statusId") long statusId);

    /** Forgets a deleted reblog, or every reblog of a deleted status. */
    @Delete("DELETE FROM notification_reblogs WHERE reblog_id = #{statusId} OR status_id = #{statusId}")
    int delete(@Param("statusId") long statusId);
}
