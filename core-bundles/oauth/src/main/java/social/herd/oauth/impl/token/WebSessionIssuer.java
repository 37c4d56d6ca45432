package social.herd.oauth.impl.token;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.UserSummary;
import social.herd.api.accounts.Users;
import social.herd.api.auth.AuthorizedApps;
import social.herd.api.auth.Scopes;
import social.herd.api.auth.WebSessions;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.oauth.impl.Params;
import social.herd.oauth.impl.apps.ApplicationService;
import social.herd.oauth.impl.store.KeyMapper;
import social.herd.oauth.impl.store.TokenMapper;

/**
 * Web sessions as tokens of the built-in "Web" application, which is registered on first use and
 * remembered in the key table, so every node issues tokens of the same application; and the list
 * of a user's live tokens (web sign-ins and authorized apps) for the settings page.
 */
@Component(service = {WebSessions.class, AuthorizedApps.class})
public final class WebSessionIssuer implements WebSessions, AuthorizedApps {

    static final String APP_KEY = "web_application_id";
    private static final Logger LOG = LoggerFactory.getLogger(WebSessionIssuer.class);

    private final Database db;
    private final AccessTokens tokens;
    private final ApplicationService apps;
    private final Users users;
    private final ServerSettings server;
    private volatile Long appId;

    @Activate
    public WebSessionIssuer(@Reference Database db, @Reference AccessTokens tokens, @Reference ApplicationService apps,
                            @Reference Users users, @Reference ServerSettings server) {
        this.db = db;
        this.tokens = tokens;
        this.apps = apps;
        this.users = users;
        this.server = server;
    }

    @Override
    public String open(long userId) {
        UserSummary user = users.byId(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        Set<String> scopes = new LinkedHashSet<>(Scopes.parse(USER_SCOPES));
        if (user.role().isStaff()) {
            scopes.addAll(List.of("admin:read", "admin:write"));
        }
        long app = webApplication();
        String token = db.transaction(tx -> tokens.issue(tx, app, userId, null, scopes).accessToken());
        LOG.info("web session opened user_id={}", userId);
        return token;
    }

    @Override
    public void close(String token) {
        tokens.find(token).filter(t -> appId != null && t.applicationId() == appId).ifPresent(t -> db.transaction(tx -> {
            tokens.revoke(tx, t.id());
            return null;
        }));
    }

    @Override
    public List<Session> of(long userId) {
        String web = db.read(tx -> tx.mapper(KeyMapper.class).value(APP_KEY));
        return db.read(tx -> tx.mapper(TokenMapper.class).live(userId, 100)).stream()
                .map(r -> new Session(r.id(), r.name(), r.website(), r.scopes(), r.createdAt(), r.lastUsedAt(),
                        web != null && Long.toString(r.applicationId()).equals(web)))
                .toList();
    }

    @Override
    public boolean revoke(long userId, long tokenId) {
        return db.transaction(tx -> {
            boolean theirs = tx.mapper(TokenMapper.class).live(userId, 1000).stream().anyMatch(r -> r.id() == tokenId);
            if (theirs) tokens.revoke(tx, tokenId);
            return theirs;
        });
    }

    private long webApplication() {
        Long known = appId;
        if (known != null) return known;
        String stored = db.read(tx -> tx.mapper(KeyMapper.class).value(APP_KEY));
        if (stored == null) {
            ApplicationService.Registered web = apps.register(Params.of(Map.of("client_name", List.of("Web"),
                    "redirect_uris", List.of("urn:ietf:wg:oauth:2.0:oob"), "scopes", List.of(USER_SCOPES + " admin:read admin:write"),
                    "website", List.of(server.publicUrl().toString()))));
            // Two nodes racing here both register; the first id stored wins and the other app stays unused.
            stored = db.transaction(tx -> {
                tx.mapper(KeyMapper.class).insertIfAbsent(APP_KEY, Long.toString(web.application().id()));
                return tx.mapper(KeyMapper.class).value(APP_KEY);
            });
        }
        appId = Long.parseLong(stored);
        return appId;
    }
}
