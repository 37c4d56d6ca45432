package social.herd.oauth.impl.authorize;

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
import social.herd.api.id.IdGenerator;
import social.herd.oauth.impl.OAuthConfig;
import social.herd.oauth.impl.OAuthSettings;
import social.herd.oauth.impl.Params;
import social.herd.oauth.impl.Secrets;
import social.herd.oauth.impl.apps.Application;
import social.herd.oauth.impl.apps.ApplicationService;
import social.herd.oauth.impl.store.GrantMapper;
import social.herd.oauth.impl.token.Pkce;

/** The authorization endpoint's checks and the issuing of authorization codes (RFC 6749 4.1). */
@Component(service = AuthorizationService.class, immediate = true, configurationPid = OAuthSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class AuthorizationService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationService.class);

    private final Database db;
    private final IdGenerator ids;
    private final ApplicationService apps;
    private final Users users;
    private final int codeLifetimeSeconds;

    @Activate
    public AuthorizationService(@Reference Database db, @Reference IdGenerator ids, @Reference ApplicationService apps,
            @Reference Users users,
            @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.oauth)") SchemaReady schema,
            OAuthSettings settings) {
        this(db, ids, apps, users, OAuthConfig.from(settings));
    }

    /** For tests and embedding. */
    public AuthorizationService(Database db, IdGenerator ids, ApplicationService apps, Users users, OAuthConfig config) {
        this.db = db;
        this.ids = ids;
        this.apps = apps;
        this.users = users;
        this.codeLifetimeSeconds = config.codeLifetimeSeconds();
    }

    /** The outcome of checking an authorization request. */
    public sealed interface Check {
        /** Unknown client or unregistered redirect URI: say so on a page, never redirect. */
        record Refused(String message) implements Check {}

        /** The client is known but the request is bad: report {@code error} to the redirect URI. */
        record Invalid(AuthRequest request, String error, String description) implements Check {}

        /** A request to show the form for. */
        record Valid(AuthRequest request) implements Check {}
    }

    /** Checks {@code client_id} and {@code redirect_uri} first, then the rest of the request. */
    public Check check(Params p) {
        Application app = apps.byClientId(p.get("client_id")).orElse(null);
        if (app == null) return new Check.Refused("The client application is unknown.");
        String redirectUri = p.get("redirect_uri");
        // RFC 6749 3.1.2.3: without redirect_uri, a client with one registered URI uses that one
        if (redirectUri == null && app.redirectUris().size() == 1) redirectUri = app.redirectUris().get(0);
        if (!app.allowsRedirect(redirectUri)) {
            return new Check.Refused("The redirect URI is not registered for this application.");
        }
        String scopeText = p.get("scope");
        Set<String> scopes = Scopes.parse(scopeText);
        String challenge = p.get("code_challenge");
        String method = p.get("code_challenge_method");
        if (challenge != null && method == null) method = "plain";
        AuthRequest request = new AuthRequest(app, redirectUri, String.join(" ", scopes), p.get("state"), challenge,
                challenge == null ? null : method);
        if (!"code".equals(p.get("response_type"))) {
            return new Check.Invalid(request, "unsupported_response_type",
                    "The authorization server does not support this response type.");
        }
        if (!app.allowsScopes(scopes)) {
            return new Check.Invalid(request, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
        }
        if (challenge == null && method != null) {
            return new Check.Invalid(request, "invalid_request", "Missing required parameter: code_challenge.");
        }
        if (challenge != null && (!Pkce.supportedMethod(method) || !Pkce.validChallenge(challenge))) {
            return new Check.Invalid(request, "invalid_request", "Code challenge or its method is not supported.");
        }
        return new Check.Valid(request);
    }

    /** Checks the user's credentials, as the password grant does. */
    public Users.LoginResult login(String login, String password, String clientAddress) {
        return users.login(login, password, clientAddress);
    }

    /** Stores a new single-use code for {@code user}; the code in clear goes to the client only. */
    public String createCode(AuthRequest request, UserSummary user) {
        String code = Secrets.random();
        long id = ids.nextId();
        db.transaction(tx -> {
            tx.mapper(GrantMapper.class).insert(id, Secrets.hash(code), request.app().id(), user.userId(),
                    request.redirectUri(), request.scope(), request.codeChallenge(), request.codeChallengeMethod(),
                    codeLifetimeSeconds);
            return null;
        });
        LOG.info("OAuth authorization granted app_id={} user_id={} pkce={}", request.app().id(), user.userId(),
                request.codeChallengeMethod() == null ? "none" : request.codeChallengeMethod());
        return code;
    }
}
