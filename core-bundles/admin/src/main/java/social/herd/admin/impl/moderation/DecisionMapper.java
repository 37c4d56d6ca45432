package social.herd.admin.impl.moderation;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The moderation decisions log. */
public interface DecisionMapper {

    /** One row as moderators read it; component order = the select's column order. */
    record Row(long id, String context, String filter, String decision, String reason, String rewrites, String subject,
               Long accountId, String excerpt, Instant createdAt) {}

    @Insert("INSERT INTO moderation_decisions (id, context, filter, decision, reason, rewrites, subject, account_id,"
            + " excerpt, created_at) VALUES (#{id}, #{d.context}, #{d.filter}, #{d.outcome}, #{d.reason}, #{d.rewrites},"
            + " #{d.subject}, #{d.accountId,jdbcType=BIGINT}, #{d.excerpt}, #{at})")
    int insert(@Param("id") long id, @Param("d") Stored d, @Param("at") Instant at);

    /** A decision in the shape the insert binds (context as its key). */
    record Stored(String context, String filter, String outcome, String reason, String rewrites, String subject,
                  Long accountId, String excerpt) {}

    @Select({"<script>SELECT id, context, filter, decision, reason, rewrites, subject, account_id, excerpt, created_at",
            "FROM moderation_decisions WHERE true",
            "<if test='filter != null'>AND filter = #{filter}</if>",
            "<if test='decision != null'>AND decision = #{decision}</if>",
            "<if test='context != null'>AND context = #{context}</if>",
            "<if test='accountId != null'>AND account_id = #{accountId}</if>",
            "<if test='maxId != null'>AND id &lt; #{maxId}</if>",
            "<if test='sinceId != null'>AND id &gt; #{sinceId}</if>",
            "<if test='minId != null'>AND id &gt; #{minId} ORDER BY id ASC</if>",
            "<if test='minId == null'>ORDER BY id DESC</if>",
            "LIMIT #{limit}</script>"})
    List<Row> page(@Param("filter") String filter, @Param("decision") String decision, @Param("context") String context,
                   @Param("accountId") Long accountId, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                   @Param("minId") Long minId, @Param("limit") int limit);

    @org.apache.ibatis.annotations.Delete("DELETE FROM moderation_decisions WHERE created_at < #{before}")
    int purge(@Param("before") Instant before);
}
