package social.herd.oauth.impl.token;

import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.accounts.api.SignUpTokens;
import social.herd.api.db.Tx;

/**
 * The token {@code POST /api/v1/accounts} answers with. Accounts calls this inside its sign-up
 * transaction; the token row joins that transaction, so a failed sign-up leaves no token behind.
 */
@Component
public final class SignUpTokenIssuer implements SignUpTokens {

    private final AccessTokens tokens;

    @Activate
    public SignUpTokenIssuer(@Reference AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public IssuedToken issue(Tx tx, long applicationId, long userId, Set<String> scopes) {
        AccessTokens.Issued issued = tokens.issue(tx, applicationId, userId, null, scopes);
        return new IssuedToken(issued.accessToken(), "Bearer", issued.scope(), issued.createdAt().toEpochSecond());
    }
}
