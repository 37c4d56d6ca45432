package social.herd.statuses.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Lists and their members. */
public interface ListMapper {

    String COLUMNS = "id, account_id, title, replies_policy, exclusive, created_at";

    @Insert("INSERT INTO lists (" + COLUMNS + ") VALUES (#{id}, #{accountId}, #{title}, #{repliesPolicy}, #{exclusive},"
            + " #{createdAt})")
    int insert(ListRow row);

    @Select("SELECT " + COLUMNS + " FROM lists WHERE id = #{id}")
    ListRow byId(@Param("id") long id);

    @Select("SELECT " + COLUMNS + " FROM lists WHERE account_id = #{owner} ORDER BY id")
    List<ListRow> byOwner(@Param("owner") long ownerId);

    @Select("SELECT count(*) FROM lists WHERE account_id = #{owner}")
    int countByOwner(@Param("owner") long ownerId);

    @Update("UPDATE lists SET title = #{title}, replies_policy = #{repliesPolicy}, exclusive = #{exclusive} WHERE id = #{id}")
    int update(ListRow row);

    @Delete("DELETE FROM lists WHERE id = #{id}")
    int delete(@Param("id") long id);

    /** Member account ids by account id, newest first (oldest first from {@code minId}); limit 0: all. */
    @Select("<script>SELECT account_id FROM list_accounts WHERE list_id = #{listId}"
            + "<if test='maxId != null'> AND account_id &lt; #{maxId}</if>"
            + "<if test='sinceId != null'> AND account_id &gt; #{sinceId}</if>"
            + "<if test='minId != null'> AND account_id &gt; #{minId}</if>"
            + " ORDER BY account_id <choose><when test='minId != null'>ASC</when><otherwise>DESC</otherwise></choose>"
            + "<if test='limit > 0'> LIMIT #{limit}</if></script>")
    List<Long> members(@Param("listId") long listId, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                       @Param("minId") Long minId, @Param("limit") int limit);

    @Select("SELECT account_id FROM list_accounts WHERE list_id = #{listId} ORDER BY account_id")
    List<Long> memberIds(@Param("listId") long listId);

    /** 1 when added, 0 when already a member. */
    @Insert("INSERT INTO list_accounts (list_id, account_id, created_at) VALUES (#{listId}, #{accountId}, #{now})"
            + " ON CONFLICT DO NOTHING")
    int addMember(@Param("listId") long listId, @Param("accountId") long accountId, @Param("now") Instant now);

    @Delete("DELETE FROM list_accounts WHERE list_id = #{listId} AND account_id = #{accountId}")
    int removeMember(@Param("listId") long listId, @Param("accountId") long accountId);

    /** An unfollow: the account leaves every list of the former follower. */
    @Delete("DELETE FROM list_accounts la USING lists l WHERE l.id = la.list_id AND l.account_id = #{owner}"
            + " AND la.account_id = #{accountId}")
    int removeFromOwnerLists(@Param("owner") long ownerId, @Param("accountId") long accountId);

    /** The owner's lists that contain {@code accountId}. */
    @Select("SELECT l.id, l.account_id, l.title, l.replies_policy, l.exclusive, l.created_at FROM lists l"
            + " JOIN list_accounts la ON la.list_id = l.id WHERE l.account_id = #{owner} AND la.account_id = #{accountId}"
            + " ORDER BY l.id")
    List<ListRow> containing(@Param("owner") long ownerId, @Param("accountId") long accountId);

    /** Accounts whose posts the owner's exclusive lists take out of the home timeline. */
    @Select("SELECT DISTINCT la.account_id FROM lists l JOIN list_accounts la ON la.list_id = l.id"
            + " WHERE l.account_id = #{owner} AND l.exclusive")
    List<Long> exclusiveMembers(@Param("owner") long ownerId);

    /** The owners of exclusive lists containing {@code author}: their home feeds skip the author's posts. */
    @Select("SELECT DISTINCT l.account_id FROM list_accounts la JOIN lists l ON l.id = la.list_id"
            + " WHERE la.account_id = #{author} AND l.exclusive")
    List<Long> exclusiveOwners(@Param("author") long authorId);
}
