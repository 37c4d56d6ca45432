package social.herd.accounts.impl.db;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The social graph as other bundles ask about it; reads only, each one indexed query. */
public interface GraphMapper {

    @Select("SELECT EXISTS (SELECT 1 FROM follows WHERE account_id = #{follower} AND target_account_id = #{target})")
    boolean follows(@Param("follower") long follower, @Param("target") long target);

    @Select("SELECT target_account_id FROM follows WHERE account_id = #{accountId} ORDER BY target_account_id")
    List<Long> following(@Param("accountId") long accountId);

    @Select("SELECT f.account_id FROM follows f JOIN accounts a ON a.id = f.account_id"
            + " WHERE f.target_account_id = #{accountId} AND a.domain IS NULL AND a.suspended_at IS NULL ORDER BY f.account_id")
    List<Long> localFollowers(@Param("accountId") long accountId);

    @Select("SELECT EXISTS (SELECT 1 FROM blocks WHERE (account_id = #{a} AND target_account_id = #{b})"
            + " OR (account_id = #{b} AND target_account_id = #{a}))")
    boolean blockedEitherWay(@Param("a") long a, @Param("b") long b);

    @Select("SELECT target_account_id FROM blocks WHERE account_id = #{viewer}"
            + " UNION SELECT account_id FROM blocks WHERE target_account_id = #{viewer}"
            + " UNION SELECT target_account_id FROM mutes WHERE account_id = #{viewer} AND (expires_at IS NULL OR expires_at > now())")
    List<Long> hiddenFrom(@Param("viewer") long viewer);

    @Select("SELECT f.account_id FROM follows f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = #{accountId}"
            + " AND f.notify AND a.domain IS NULL AND a.suspended_at IS NULL ORDER BY f.account_id")
    List<Long> notifiedFollowers(@Param("accountId") long accountId);

    @Select({"<script>SELECT count(*) FROM accounts a WHERE a.id IN",
            "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach>",
            "AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.account_id = a.id AND f.target_account_id = #{author})</script>"})
    int strangers(@Param("author") long author, @Param("ids") java.util.Collection<Long> ids);

    @Select("SELECT target_account_id FROM follows WHERE account_id = #{accountId} AND NOT show_reblogs")
    List<Long> reblogsHidden(@Param("accountId") long accountId);
}
