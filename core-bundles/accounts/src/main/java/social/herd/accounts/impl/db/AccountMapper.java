package social.herd.accounts.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL on {@code accounts}; statements in AccountMapper.xml beside this interface. */
public interface AccountMapper {

    int insertLocal(@Param("id") long id, @Param("username") String username, @Param("createdAt") Instant createdAt);

    AccountRow byId(@Param("id") long id);

    /** The accounts with these ids, in no particular order; unknown ids are left out. */
    List<AccountRow> byIds(@Param("ids") java.util.Collection<Long> ids);

    /** The local account with this username, whatever its case. */
    AccountRow localByUsername(@Param("username") String username);

    /** The remote account {@code username@domain}, both compared case-insensitively. */
    AccountRow remoteByHandle(@Param("username") String username, @Param("domain") String domain);

    /** Ids of live accounts a moderator silenced. */
    java.util.List<Long> silencedIds();

    /** Ids of live accounts whose media a moderator forced sensitive. */
    java.util.List<Long> sensitizedIds();

    boolean localUsernameTaken(@Param("username") String username);

    /**
     * Accounts whose username or display name starts with {@code prefix} (lower case, LIKE
     * wildcards already escaped), exact username first.
     */
    List<AccountRow> searchPrefix(@Param("prefix") String prefix, @Param("exact") String exact,
                                  @Param("limit") int limit);

    int updateProfile(@Param("id") long id, @Param("displayName") String displayName, @Param("note") String note,
                      @Param("noteHtml") String noteHtml, @Param("locked") boolean locked, @Param("bot") boolean bot,
                      @Param("discoverable") boolean discoverable, @Param("indexable") boolean indexable,
                      @Param("fields") String fields, @Param("avatarPath") String avatarPath,
                      @Param("headerPath") String headerPath, @Param("now") Instant now);

    int suspend(@Param("id") long id, @Param("now") Instant now);
}
