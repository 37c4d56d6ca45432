package social.herd.oauth.impl.token;

import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.UserSummary;
import social.herd.api.accounts.Users;
import social.herd.api.auth.Scopes;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.kv.Cache;
import social.herd.api.kv.RateLimiter;
import social.herd.oauth.impl.OAuthConfig;
import social.herd.oauth.impl.OAuthErrors;
import social.herd.oauth.impl.OAuthSettings;
import social.herd.oauth.impl.Params;
import social.herd.oauth.impl.Secrets;
import social.herd.oauth.impl.apps.Application;
import social.herd.oauth.impl.apps.ApplicationService;
import social.herd.oauth.impl.store.GrantMapper;
import social.herd.oauth.impl.store.GrantMapper.GrantRow;
import social.herd.oauth.impl.store.TokenMapper.TokenRow;
import social.herd.web.api.ApiException;

/**
 * {@code /oauth/token} and {@code /oauth/revoke}: the authorization code (with PKCE),
 * client credentials and password grants, and revocation (RFC 6749, 7636, 7009).
 */
@Component(service = TokenService.class, immediate = true, configurationPid = OAuthSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class TokenService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private final Database db;
    private final ApplicationService apps;
    private final Users users;
    private final AccessTokens tokens;
    private final TokenThrottle throttle;

    @Activate
    public TokenService(@Reference Database db, @Reference ApplicationService apps, @Reference Users users,
            @Reference AccessTokens tokens, @Reference RateLimiter limiter, @Reference Cache cache,
            @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.oauth)") SchemaReady schema,
            OAuthSettings settings) {
        this(db, apps, users, tokens, limiter, cache, OAuthConfig.from(settings));
    }

    /** For tests and embedding. */
    public TokenService(Database db, ApplicationService apps, Users users, AccessTokens tokens, RateLimiter limiter,
            Cache cache, OAuthConfig config) {
        this.db = db;
        this.apps = apps;
        this.users = users;
        this.tokens = tokens;
        this.throttle = new TokenThrottle(limiter, cache, config);
    }

    /** Handles a token request; failures count against the client address. */
    public AccessTokens.Issued token(Params p, String clientAddress) {
        throttle.check(clientAddress);
        try {
            return grant(p, clientAddress);
        } catch (ApiException e) {
            if (e.status() == 400 || e.status() == 401) {
                LOG.debug("OAuth token request refused: {}", e.error());
                throttle.failure(clientAddress);
            }
            throw e;
        }
    }

    private AccessTokens.Issued grant(Params p, String clientAddress) {
        String grantType = p.get("grant_type");
        if (grantType == null) throw OAuthErrors.invalidRequest("Missing required parameter: grant_type.");
        return switch (grantType) {
            case "authorization_code" -> authorizationCode(client(p), p);
            case "client_credentials" -> clientCredentials(client(p), p);
            case "password" -> password(client(p), p, clientAddress);
            default -> throw OAuthErrors.unsupportedGrantType();
        };
    }

    private Application client(Params p) {
        return apps.authenticate(p.get("client_id"), p.get("client_secret"));
    }

    private AccessTokens.Issued authorizationCode(Application app, Params p) {
        String code = required(p, "code");
        String redirectUri = required(p, "redirect_uri");
        String verifier = p.get("code_verifier");
        String codeHash = Secrets.hash(code);
        // A refused exchange returns null instead of throwing, so that the transaction commits the
        // revocation of tokens issued for a replayed code.
        AccessTokens.Issued issued = db.transaction(tx -> {
            GrantMapper grants = tx.mapper(GrantMapper.class);
            GrantRow grant = grants.lockByCodeHash(codeHash);
            if (grant == null || grant.applicationId() != app.id()) return null;
            if (grant.used()) {
                int revoked = tokens.revokeByGrant(tx, grant.id());
                LOG.warn("OAuth authorization code replayed app_id={} user_id={} tokens_revoked={}", app.id(),
                        grant.userId(), revoked);
                return null;
            }
            if (grant.revoked() || grant.expired() || !grant.redirectUri().equals(redirectUri)) return null;
            if (!Pkce.verify(grant.codeChallenge(), grant.codeChallengeMethod(), verifier)) return null;
            if (!activeUser(grant.userId())) return null;
            grants.markUsed(grant.id());
            return tokens.issue(tx, app.id(), grant.userId(), grant.id(), Scopes.parse(grant.scopes()));
        });
        if (issued == null) throw OAuthErrors.invalidGrant();
        LOG.info("OAuth token issued grant=authorization_code app_id={} token_id={}", app.id(), issued.id());
        return issued;
    }

    private AccessTokens.Issued clientCredentials(Application app, Params p) {
        Set<String> scopes = scopes(app, p);
        AccessTokens.Issued issued = db.transaction(tx -> tokens.issue(tx, app.id(), null, null, scopes));
        LOG.info("OAuth token issued grant=client_credentials app_id={} token_id={}", app.id(), issued.id());
        return issued;
    }

    private AccessTokens.Issued password(Application app, Params p, String clientAddress) {
        String login = required(p, "username");
        String password = p.raw("password");
        if (password == null) throw OAuthErrors.invalidRequest("Missing required parameter: password.");
        // scopes first: a request that cannot succeed must not cost a password hash
        Set<String> scopes = scopes(app, p);
        UserSummary user = switch (users.login(login, password, clientAddress)) {
            case Users.LoginResult.Success s -> s.user();
            case Users.LoginResult.Refused r -> throw refused(r.reason());
        };
        if (!user.active()) throw refused(Users.Reason.SUSPENDED);
        AccessTokens.Issued issued = db.transaction(tx -> tokens.issue(tx, app.id(), user.userId(), null, scopes));
        LOG.info("OAuth token issued grant=password app_id={} user_id={} token_id={}", app.id(), user.userId(),
                issued.id());
        return issued;
    }

    /**
     * Revokes {@code token} if it belongs to the authenticated client; an unknown or already
     * revoked token is not an error (RFC 7009 section 2.2).
     */
    public void revoke(Params p) {
        Application app = client(p);
        String token = required(p, "token");
        TokenRow row = tokens.find(token).orElse(null);
        if (row == null) return;
        if (row.applicationId() != app.id()) throw OAuthErrors.unauthorizedClient();
        if (row.revoked()) return;
        db.transaction(tx -> {
            tokens.revoke(tx, row.id());
            return null;
        });
        LOG.info("OAuth token revoked app_id={} token_id={}", app.id(), row.id());
    }

    /**
     * The requested scopes, which must lie within the application's. Without {@code scope} a
     * client gets {@code read} as Mastodon documents, or all of its scopes when it registered
     * without {@code read}.
     */
    static Set<String> scopes(Application app, Params p) {
        String requested = p.get("scope");
        Set<String> scopes = requested == null
                ? (app.allowsScopes(Set.of("read")) ? Set.of("read") : app.scopes())
                : Scopes.parse(requested);
        if (!app.allowsScopes(scopes)) throw OAuthErrors.invalidScope();
        return scopes;
    }

    private boolean activeUser(long userId) {
        return users.byId(userId).map(UserSummary::active).orElse(false);
    }

    private static String required(Params p, String name) {
        String value = p.get(name);
        if (value == null) throw OAuthErrors.invalidRequest("Missing required parameter: " + name + ".");
        return value;
    }

    private static ApiException refused(Users.Reason reason) {
        return switch (reason) {
            case THROTTLED -> OAuthErrors.tooManyRequests();
            case UNCONFIRMED -> OAuthErrors.invalidGrant("Your login is currently disabled: the e-mail address is not confirmed.");
            case PENDING_APPROVAL -> OAuthErrors.invalidGrant("Your login is currently disabled: the account is awaiting approval.");
            case SUSPENDED -> OAuthErrors.invalidGrant("Your login is currently disabled.");
            case INVALID_CREDENTIALS -> OAuthErrors.invalidGrant();
        };
    }
}
