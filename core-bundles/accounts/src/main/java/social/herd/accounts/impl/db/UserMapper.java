package social.herd.accounts.impl.db;

import java.util.List;
import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** SQL on {@code users}; statements in UserMapper.xml beside this interface. */
public interface UserMapper {

    int insert(NewUser user);

    UserRow byId(@Param("id") long id);

    /** Active owners, admins and moderators. */
    List<UserRow> staff();

    UserRow byAccountId(@Param("accountId") long accountId);

    /** By e-mail, whatever its case. */
    UserRow byEmail(@Param("email") String email);

    /** By the local account's username, whatever its case. */
    UserRow byUsername(@Param("username") String username);

    boolean emailTaken(@Param("email") String email);

    UserRow byConfirmationTokenHash(@Param("hash") String hash);

    UserRow byResetTokenHash(@Param("hash") String hash);

    /** Marks the address confirmed and forgets the confirmation token (single use). */
    int confirm(@Param("id") long id, @Param("now") Instant now);

    int setConfirmationToken(@Param("id") long id, @Param("hash") String hash, @Param("now") Instant now);

    int setEmail(@Param("id") long id, @Param("email") String email, @Param("now") Instant now);

    int setResetToken(@Param("id") long id, @Param("hash") String hash, @Param("now") Instant now);

    /** Sets a new password hash and forgets any reset token (single use). */
    int setPassword(@Param("id") long id, @Param("passwordHash") String passwordHash, @Param("now") Instant now);

    int approve(@Param("id") long id, @Param("now") Instant now);

    /** Records why a moderation filter held the sign-up, for moderators. */
    int setModerationNote(@Param("id") long id, @Param("note") String note);

    /**
     * Disables a user who asked to be deleted and schedules the purge; only once.
     *
     * @return 1 when marked, 0 when already deleted
     */
    int markDeleted(@Param("id") long id, @Param("now") Instant now, @Param("deleteAfter") Instant deleteAfter);

    /** Records a successful password sign-in (for {@link #usage}). */
    int signedIn(@Param("id") long id);

    /**
     * Users who may use the server (confirmed, approved, not deleted, disabled or suspended), and
     * those of them who signed in or posted in the last 30 and 180 days.
     */
    social.herd.api.accounts.Users.Usage usage();

    int setRole(@Param("id") long id, @Param("role") String role, @Param("now") Instant now);

    int updatePostingDefaults(@Param("id") long id, @Param("privacy") String privacy,
                              @Param("sensitive") boolean sensitive, @Param("language") String language,
                              @Param("now") Instant now);
}
