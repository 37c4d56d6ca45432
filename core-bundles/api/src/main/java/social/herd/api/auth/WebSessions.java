package social.herd.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sign-ins through the web pages. A web session is an access token of the server's own "Web"
 * application (as in Mastodon, whose web app is an OAuth client too): the pages keep it in an
 * HttpOnly cookie and their script calls the API with it. It shows among the user's sessions and
 * is revoked with them. Since 1.1.
 */
@ProviderType
public interface WebSessions {

    /** Scopes of a web session: everything a user may do; staff also get the admin scopes. */
    String USER_SCOPES = "read write follow push";

    /** Signs the user in: a new token of the Web application for this user. */
    String open(long userId);

    /** Signs out: revokes the token if it is a web session token; unknown tokens are ignored. */
    void close(String token);
}
