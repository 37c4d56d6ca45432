package social.herd.oauth.impl.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** {@code oauth_access_tokens}; SQL in TokenMapper.xml. */
public interface TokenMapper {

    /** A token; {@code userId} is {@code null} for an application-only token. */
    record TokenRow(long id, long applicationId, Long userId, String scopes, boolean revoked) {}

    /** Stores a token and answers its {@code created_at}. */
    OffsetDateTime insert(@Param("id") long id, @Param("tokenHash") String tokenHash,
                          @Param("applicationId") long applicationId, @Param("userId") Long userId,
                          @Param("grantId") Long grantId, @Param("scopes") String scopes);

    TokenRow byHash(@Param("tokenHash") String tokenHash);

    /** Revokes one token; 0 when it was already revoked. */
    int revoke(@Param("id") long id);

    /** Revokes the tokens issued for a code (a replayed code); returns their ids. */
    List<Long> revokeByGrant(@Param("grantId") long grantId);

    /** A live token with its application, for the user's list of sessions. */
    record SessionRow(long id, long applicationId, String name, String website, String scopes, java.time.Instant createdAt,
                      java.time.Instant lastUsedAt) {}

    /** The user's live tokens, most recently used first. */
    List<SessionRow> live(@Param("userId") long userId, @Param("limit") int limit);

    /** Revokes every live token of a user; returns their ids. */
    List<Long> revokeForUser(@Param("userId") long userId);
}
