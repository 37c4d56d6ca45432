package social.herd.accounts.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Aliases ({@code alsoKnownAs}) of local accounts and the moves they made. */
public interface MoveMapper {

    @Select("SELECT uri FROM account_aliases WHERE account_id = #{accountId} ORDER BY created_at, uri")
    List<String> aliases(@Param("accountId") long accountId);

    @Delete("DELETE FROM account_aliases WHERE account_id = #{accountId}")
    int clearAliases(@Param("accountId") long accountId);

    @Insert("INSERT INTO account_aliases (account_id, uri, created_at) VALUES (#{accountId}, #{uri}, #{now})"
            + " ON CONFLICT DO NOTHING")
    int addAlias(@Param("accountId") long accountId, @Param("uri") String uri, @Param("now") Instant now);

    @Insert("INSERT INTO account_migrations (id, account_id, target_account_id, created_at)"
            + " VALUES (#{id}, #{accountId}, #{targetId}, #{now})")
    int recordMove(@Param("id") long id, @Param("accountId") long accountId, @Param("targetId") long targetId,
                   @Param("now") Instant now);

    /** When the account last moved, or null. */
    @Select("SELECT max(created_at) FROM account_migrations WHERE account_id = #{accountId}")
    Instant lastMove(@Param("accountId") long accountId);

    /**
     * Locks the account's row until the transaction ends, so moves and alias edits of one account
     * are serialised (always run: never answered from the session cache).
     */
    @Select("SELECT id FROM accounts WHERE id = #{accountId} FOR UPDATE")
    @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
    Long lock(@Param("accountId") long accountId);
}
