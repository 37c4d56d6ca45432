package social.herd.accounts.impl.admin;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Accounts as moderators list and act on them. */
public interface AdminAccountMapper {

    /** An account with its user (null user columns for remote accounts); order = the select's columns. */
    record Row(long id, String username, String domain, Instant createdAt, Instant suspendedAt, Instant silencedAt,
               Instant sensitizedAt, Long userId, String email, String role, Instant confirmedAt, Boolean approved,
               Boolean disabled, String locale, String approvalReason) {}

    /** The filters of Mastodon's v1 and v2 lists, normalised. */
    record Filter(String origin, String status, boolean staff, String username, String displayName, String domain,
                  String email) {}

    String SELECT = "SELECT a.id, a.username, a.domain, a.created_at, a.suspended_at, a.silenced_at, a.sensitized_at, u.id,"
            + " u.email, u.role, u.confirmed_at, u.approved, u.disabled, u.locale, u.approval_reason"
            + " FROM accounts a LEFT JOIN users u ON u.account_id = a.id";

    @Select({"<script>", SELECT, "WHERE true",
            "<if test='f.origin == \"local\"'>AND a.domain IS NULL</if>",
            "<if test='f.origin == \"remote\"'>AND a.domain IS NOT NULL</if>",
            "<if test='f.status == \"active\"'>AND a.suspended_at IS NULL AND (u.id IS NULL OR (u.approved AND NOT u.disabled))</if>",
            "<if test='f.status == \"pending\"'>AND u.id IS NOT NULL AND NOT u.approved</if>",
            "<if test='f.status == \"disabled\"'>AND u.disabled</if>",
            "<if test='f.status == \"silenced\"'>AND a.silenced_at IS NOT NULL</if>",
            "<if test='f.status == \"suspended\"'>AND a.suspended_at IS NOT NULL</if>",
            "<if test='f.status == \"sensitized\"'>AND a.sensitized_at IS NOT NULL</if>",
            "<if test='f.staff'>AND u.role IN ('owner', 'admin', 'moderator')</if>",
            "<if test='f.username != null'>AND lower(a.username) LIKE #{f.username} || '%'</if>",
            "<if test='f.displayName != null'>AND lower(a.display_name) LIKE '%' || #{f.displayName} || '%'</if>",
            "<if test='f.domain != null'>AND lower(a.domain) = #{f.domain}</if>",
            "<if test='f.email != null'>AND lower(u.email) LIKE '%' || #{f.email} || '%'</if>",
            "<if test='maxId != null'>AND a.id &lt; #{maxId}</if>",
            "<if test='sinceId != null'>AND a.id &gt; #{sinceId}</if>",
            "<if test='minId != null'>AND a.id &gt; #{minId} ORDER BY a.id ASC</if>",
            "<if test='minId == null'>ORDER BY a.id DESC</if>",
            "LIMIT #{limit}</script>"})
    List<Row> page(@Param("f") Filter filter, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                   @Param("minId") Long minId, @Param("limit") int limit);

    @Select(SELECT + " WHERE a.id = #{id}")
    Row byId(@Param("id") long id);

    @Update("UPDATE accounts SET suspended_at = CASE WHEN #{on} THEN COALESCE(suspended_at, #{now}) END, updated_at = #{now}"
            + " WHERE id = #{id}")
    int suspended(@Param("id") long id, @Param("on") boolean on, @Param("now") Instant now);

    @Update("UPDATE accounts SET silenced_at = CASE WHEN #{on} THEN COALESCE(silenced_at, #{now}) END, updated_at = #{now}"
            + " WHERE id = #{id}")
    int silenced(@Param("id") long id, @Param("on") boolean on, @Param("now") Instant now);

    @Update("UPDATE accounts SET sensitized_at = CASE WHEN #{on} THEN COALESCE(sensitized_at, #{now}) END, updated_at = #{now}"
            + " WHERE id = #{id}")
    int sensitized(@Param("id") long id, @Param("on") boolean on, @Param("now") Instant now);

    @Update("UPDATE users SET disabled = #{on} WHERE account_id = #{id}")
    int disabled(@Param("id") long id, @Param("on") boolean on);

    @Update("UPDATE users SET role = #{role} WHERE account_id = #{id}")
    int role(@Param("id") long id, @Param("role") String role);

    @Insert("INSERT INTO account_warnings (id, account_id, action, text, report_id, created_by, created_at)"
            + " VALUES (#{id}, #{accountId}, #{action}, #{text}, #{reportId,jdbcType=BIGINT}, #{by}, #{now})")
    int warn(@Param("id") long id, @Param("accountId") long accountId, @Param("action") String action, @Param("text") String text,
             @Param("reportId") Long reportId, @Param("by") long by, @Param("now") Instant now);
}
