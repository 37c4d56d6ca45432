package social.herd.admin.impl.reports;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Reports as moderators list and handle them. */
public interface ReportAdminMapper {

    /** A whole report row; component order = the selects' column order. */
    record Row(long id, long accountId, long targetAccountId, String statusIds, String ruleIds, String comment, String category,
               boolean forwarded, Instant actionTakenAt, Long assignedAccountId, Long actionTakenByAccountId, Instant createdAt,
               Instant updatedAt) {}

    String COLUMNS = "SELECT id, account_id, target_account_id, status_ids, rule_ids, comment, category, forwarded, action_taken_at,"
            + " assigned_account_id, action_taken_by_account_id, created_at, updated_at FROM reports";

    @Select({"<script>", COLUMNS, "WHERE (action_taken_at IS NOT NULL) = #{resolved}",
            "<if test='accountId != null'>AND account_id = #{accountId}</if>",
            "<if test='targetId != null'>AND target_account_id = #{targetId}</if>",
            "<if test='maxId != null'>AND id &lt; #{maxId}</if>",
            "<if test='sinceId != null'>AND id &gt; #{sinceId}</if>",
            "<if test='minId != null'>AND id &gt; #{minId} ORDER BY id ASC</if>",
            "<if test='minId == null'>ORDER BY id DESC</if>",
            "LIMIT #{limit}</script>"})
    List<Row> page(@Param("resolved") boolean resolved, @Param("accountId") Long accountId, @Param("targetId") Long targetId,
                   @Param("maxId") Long maxId, @Param("sinceId") Long sinceId, @Param("minId") Long minId,
                   @Param("limit") int limit);

    @Select(COLUMNS + " WHERE id = #{id}")
    Row byId(@Param("id") long id);

    @Update("UPDATE reports SET assigned_account_id = #{to,jdbcType=BIGINT}, updated_at = #{now} WHERE id = #{id}")
    int assign(@Param("id") long id, @Param("to") Long accountId, @Param("now") Instant now);

    @Update("UPDATE reports SET action_taken_at = #{now}, action_taken_by_account_id = #{by}, updated_at = #{now}"
            + " WHERE id = #{id}")
    int resolve(@Param("id") long id, @Param("by") long by, @Param("now") Instant now);

    @Update("UPDATE reports SET action_taken_at = NULL, action_taken_by_account_id = NULL, updated_at = #{now} WHERE id = #{id}")
    int reopen(@Param("id") long id, @Param("now") Instant now);

    @Update("UPDATE reports SET category = #{category}, rule_ids = #{ruleIds}, updated_at = #{now} WHERE id = #{id}")
    int update(@Param("id") long id, @Param("category") String category, @Param("ruleIds") String ruleIds,
               @Param("now") Instant now);
}
