package social.herd.statuses.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Scheduled statuses. */
public interface ScheduledMapper {

    String COLUMNS = "id, account_id, scheduled_at, params, created_at";

    @Insert("INSERT INTO scheduled_statuses (" + COLUMNS + ") VALUES (#{id}, #{accountId}, #{scheduledAt}, #{params},"
            + " #{createdAt})")
    int insert(ScheduledRow row);

    @Select("SELECT " + COLUMNS + " FROM scheduled_statuses WHERE id = #{id}")
    ScheduledRow byId(@Param("id") long id);

    /** The row, locked until the transaction ends: a second run of the publishing job waits, then finds it gone. */
    @Select("SELECT " + COLUMNS + " FROM scheduled_statuses WHERE id = #{id} FOR UPDATE")
    ScheduledRow lock(@Param("id") long id);

    @Select("<script>SELECT " + COLUMNS + " FROM scheduled_statuses WHERE account_id = #{owner}"
            + "<if test='maxId != null'> AND id &lt; #{maxId}</if>"
            + "<if test='sinceId != null'> AND id &gt; #{sinceId}</if>"
            + "<if test='minId != null'> AND id &gt; #{minId}</if>"
            + " ORDER BY id <choose><when test='minId != null'>ASC</when><otherwise>DESC</otherwise></choose>"
            + " LIMIT #{limit}</script>")
    List<ScheduledRow> byOwner(@Param("owner") long ownerId, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                               @Param("minId") Long minId, @Param("limit") int limit);

    @Select("SELECT count(*) FROM scheduled_statuses WHERE account_id = #{owner}")
    int count(@Param("owner") long ownerId);

    /** Schedules of the account in [from, to), other than {@code except}. */
    @Select("SELECT count(*) FROM scheduled_statuses WHERE account_id = #{owner} AND scheduled_at >= #{from}"
            + " AND scheduled_at < #{to} AND id <> #{except}")
    int countBetween(@Param("owner") long ownerId, @Param("from") Instant from, @Param("to") Instant to,
                     @Param("except") long except);

    @Update("UPDATE scheduled_statuses SET scheduled_at = #{at} WHERE id = #{id}")
    int reschedule(@Param("id") long id, @Param("at") Instant at);

    @Delete("DELETE FROM scheduled_statuses WHERE id = #{id}")
    int delete(@Param("id") long id);
}
