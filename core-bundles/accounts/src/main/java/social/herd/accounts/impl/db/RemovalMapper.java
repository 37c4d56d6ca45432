package social.herd.accounts.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * SQL that removes a local account for good (rejected sign-ups, deletions whose grace period
 * ended); statements in RemovalMapper.xml beside this interface.
 */
public interface RemovalMapper {

    /** Accounts whose users' grace period ended before {@code now}, oldest first. */
    List<Long> dueAccountIds(@Param("now") Instant now, @Param("limit") int limit);

    /** Locks the user of a due account; null when it is no longer due (e.g. restored meanwhile). */
    Long lockDue(@Param("accountId") long accountId, @Param("now") Instant now);

    /** Takes the account's follows out of the other side's counters before the rows go. */
    int uncountFollows(@Param("accountId") long accountId);

    /** Deletes follows, follow requests, blocks, mutes and notes in both directions, and domain blocks. */
    int deleteRelationships(@Param("accountId") long accountId);

    /** Deletes the account; its user and invites go with it (ON DELETE CASCADE). */
    int deleteAccount(@Param("accountId") long accountId);
}
