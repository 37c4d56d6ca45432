package social.herd.oauth.impl.store;

import org.apache.ibatis.annotations.Param;

/** {@code oauth_access_grants} (authorization codes); SQL in GrantMapper.xml. */
public interface GrantMapper {

    /** A code with its state as the database clock sees it. */
    record GrantRow(long id, long applicationId, long userId, String redirectUri, String scopes, String codeChallenge,
                    String codeChallengeMethod, boolean expired, boolean used, boolean revoked) {}

    void insert(@Param("id") long id, @Param("codeHash") String codeHash, @Param("applicationId") long applicationId,
                @Param("userId") long userId, @Param("redirectUri") String redirectUri, @Param("scopes") String scopes,
                @Param("codeChallenge") String codeChallenge, @Param("codeChallengeMethod") String codeChallengeMethod,
                @Param("lifetimeSeconds") int lifetimeSeconds);

    /** The code, row-locked so that two concurrent exchanges of one code cannot both succeed. */
    GrantRow lockByCodeHash(@Param("codeHash") String codeHash);

    void markUsed(@Param("id") long id);

    /** Revokes every unused code of a user; returns how many. */
    int revokeForUser(@Param("userId") long userId);
}
