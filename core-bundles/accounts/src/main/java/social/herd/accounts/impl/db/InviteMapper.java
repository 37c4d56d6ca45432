package social.herd.accounts.impl.db;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** SQL on {@code invites}; statements in InviteMapper.xml beside this interface. */
public interface InviteMapper {

    int insert(@Param("id") long id, @Param("code") String code, @Param("maxUses") Integer maxUses,
               @Param("expiresAt") Instant expiresAt, @Param("now") Instant now);

    /** The invite with this code, or null. */
    InviteRow byCode(@Param("code") String code);

    /**
     * Counts one use of the invite when it is still valid (not expired, uses left), atomically.
     *
     * @return the invite's id, or null when the code is unknown, expired or used up
     */
    Long use(@Param("code") String code, @Param("now") Instant now);
}
