package social.herd.oauth.impl.store;

import java.time.OffsetDateTime;
import org.apache.ibatis.annotations.Param;

/** {@code oauth_applications}; SQL in ApplicationMapper.xml beside this interface. */
public interface ApplicationMapper {

    /**
     * A registered client. Redirect URIs arrive newline-separated (stored as {@code text[]}), the
     * form Mastodon itself keeps them in.
     */
    record ApplicationRow(long id, String name, String website, String redirectUris, String scopes, String clientId,
                          String clientSecretHash, OffsetDateTime createdAt) {}

    void insert(@Param("id") long id, @Param("name") String name, @Param("website") String website,
                @Param("redirectUris") String redirectUris, @Param("scopes") String scopes,
                @Param("clientId") String clientId, @Param("clientSecretHash") String clientSecretHash);

    ApplicationRow byClientId(@Param("clientId") String clientId);

    ApplicationRow byId(@Param("id") long id);
}
