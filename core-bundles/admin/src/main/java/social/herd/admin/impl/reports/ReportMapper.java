package social.herd.admin.impl.reports;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Reports. */
public interface ReportMapper {

    @Insert("INSERT INTO reports (id, account_id, target_account_id, status_ids, rule_ids, comment, category, forwarded,"
            + " created_at) VALUES (#{id}, #{accountId}, #{targetAccountId}, #{statusIds}, #{ruleIds}, #{comment},"
            + " #{category}, #{forwarded}, #{createdAt})")
    int insert(ReportRow row);

    @Select("SELECT id, account_id, target_account_id, status_ids, rule_ids, comment, category, forwarded, action_taken_at,"
            + " created_at FROM reports WHERE id = #{id}")
    ReportRow byId(@Param("id") long id);

    /** Reports by {@code accountId} in the last hour, for a per-reporter limit. */
    @Select("SELECT count(*) FROM reports WHERE account_id = #{accountId} AND created_at > now() - interval '1 hour'")
    int recentBy(@Param("accountId") long accountId);
}
