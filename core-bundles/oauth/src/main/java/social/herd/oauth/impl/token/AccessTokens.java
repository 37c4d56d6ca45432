package social.herd.oauth.impl.token;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.UserSummary;
import social.herd.api.accounts.Users;
import social.herd.api.auth.Principal;
import social.herd.api.auth.Role;
import social.herd.api.auth.Scopes;
import social.herd.api.auth.Sessions;
import social.herd.api.auth.TokenVerifier;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.api.kv.PubSub;
import social.herd.oauth.impl.OAuthConfig;
import social.herd.oauth.impl.OAuthSettings;
import social.herd.oauth.impl.Secrets;
import social.herd.oauth.impl.store.GrantMapper;
import social.herd.oauth.impl.store.TokenMapper;
import social.herd.oauth.impl.store.TokenMapper.TokenRow;

/**
 * The access tokens: issues and revokes them, and verifies bearer tokens for the web bundle
 * ({@link TokenVerifier}) with a short in-memory cache, keyed by the token's hash so that no
 * token is ever held in clear. Revocations evict this node's cache after commit and are announced
 * on {@link PubSub} (by token or user id, never the token) so other nodes evict theirs; without
 * PubSub another node may accept a revoked token for at most {@code token_cache_seconds}.
 */
@Component(service = {TokenVerifier.class, Sessions.class, AccessTokens.class}, immediate = true,
        configurationPid = OAuthSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OAuthSettings.class)
public final class AccessTokens implements TokenVerifier, Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

    /** PubSub channel for revocations: {@code t:<token id>} or {@code u:<user id>}. */
    static final String CHANNEL = "herd.oauth.revoked";

    /** Longer than any token we issue; anything bigger is garbage and not worth hashing. */
    private static final int MAX_TOKEN_LENGTH = 512;

    private final Database db;
    private final IdGenerator ids;
    private final Users users;
    private final TtlCache<String, Principal> principals;
    private final TtlCache<Long, UserSummary> userCache;
    private volatile PubSub pubSub;
    private volatile PubSub.Subscription subscription;

    @Activate
    public AccessTokens(@Reference Database db, @Reference IdGenerator ids, @Reference Users users,
            @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.oauth)") SchemaReady schema,
            OAuthSettings settings) {
        this(db, ids, users, OAuthConfig.from(settings));
    }

    /** For tests and embedding. */
    public AccessTokens(Database db, IdGenerator ids, Users users, OAuthConfig config) {
        this.db = db;
        this.ids = ids;
        this.users = users;
        this.principals = new TtlCache<>(config.tokenCacheTtl(), config.tokenCacheSize());
        this.userCache = new TtlCache<>(config.tokenCacheTtl(), config.tokenCacheSize());
    }

    /** A token just created: the secret in clear (answered once, never stored) and its metadata. */
    public record Issued(long id, String accessToken, String scope, OffsetDateTime createdAt) {}

    /** Creates a token in the caller's transaction. {@code userId} is {@code null} for app-only tokens. */
    public Issued issue(Tx tx, long applicationId, Long userId, Long grantId, Set<String> scopes) {
        String token = Secrets.random();
        long id = ids.nextId();
        String scope = String.join(" ", scopes);
        OffsetDateTime created = tx.mapper(TokenMapper.class).insert(id, Secrets.hash(token), applicationId, userId,
                grantId, scope);
        return new Issued(id, token, scope, created);
    }

    /** The stored token for a bearer string (revoked or not), or empty. */
    public Optional<TokenRow> find(String bearerToken) {
        if (!plausible(bearerToken)) return Optional.empty();
        String hash = Secrets.hash(bearerToken);
        return Optional.ofNullable(db.read(tx -> tx.mapper(TokenMapper.class).byHash(hash)));
    }

    /** Revokes one token in the caller's transaction; caches forget it after commit. */
    public void revoke(Tx tx, long tokenId) {
        if (tx.mapper(TokenMapper.class).revoke(tokenId) > 0) {
            tx.afterCommit(() -> evictTokens(List.of(tokenId), true));
        }
    }

    /** Revokes the tokens issued for a replayed authorization code (RFC 6749 section 4.1.2). */
    public int revokeByGrant(Tx tx, long grantId) {
        List<Long> revoked = tx.mapper(TokenMapper.class).revokeByGrant(grantId);
        if (!revoked.isEmpty()) tx.afterCommit(() -> evictTokens(revoked, true));
        return revoked.size();
    }

    @Override
    public void revokeAll(Tx tx, long userId) {
        List<Long> tokens = tx.mapper(TokenMapper.class).revokeForUser(userId);
        int codes = tx.mapper(GrantMapper.class).revokeForUser(userId);
        tx.afterCommit(() -> {
            evictUser(userId, true);
            LOG.info("OAuth sessions revoked user_id={} tokens={} codes={}", userId, tokens.size(), codes);
        });
    }

    @Override
    public Optional<Principal> verify(String bearerToken) {
        if (!plausible(bearerToken)) return Optional.empty();
        String hash = Secrets.hash(bearerToken);
        Principal cached = principals.get(hash);
        if (cached != null) return Optional.of(cached);
        TokenRow row = db.read(tx -> tx.mapper(TokenMapper.class).byHash(hash));
        if (row == null || row.revoked()) return Optional.empty();
        Principal principal;
        if (row.userId() == null) {
            principal = new Principal(row.id(), row.applicationId(), OptionalLong.empty(), OptionalLong.empty(),
                    Role.USER, Scopes.parse(row.scopes()));
        } else {
            UserSummary user = user(row.userId());
            if (user == null || user.state() == UserSummary.State.DISABLED) return Optional.empty();
            // An unconfirmed user's sign-up token stays valid (to resend the confirmation); the web
            // bundle refuses it everywhere else.
            principal = new Principal(row.id(), row.applicationId(), OptionalLong.of(user.userId()),
                    OptionalLong.of(user.accountId()), user.role(), Scopes.parse(row.scopes()), user.active());
        }
        if (principal.confirmed()) principals.put(hash, principal);
        return Optional.of(principal);
    }

    /** The user, from the short cache or the accounts bundle; {@code null} when unknown. */
    private UserSummary user(long userId) {
        UserSummary cached = userCache.get(userId);
        if (cached != null) return cached;
        UserSummary user = users.byId(userId).orElse(null);
        // Only active users are cached: an unconfirmed user who confirms must be let in at once.
        if (user != null && user.active()) userCache.put(userId, user);
        return user;
    }

    private static boolean plausible(String token) {
        return token != null && !token.isBlank() && token.length() <= MAX_TOKEN_LENGTH;
    }

    void evictTokens(List<Long> tokenIds, boolean announce) {
        principals.removeValues(p -> tokenIds.contains(p.tokenId()));
        if (announce) tokenIds.forEach(id -> publish("t:" + id));
    }

    void evictUser(long userId, boolean announce) {
        userCache.remove(userId);
        principals.removeValues(p -> p.userId().isPresent() && p.userId().getAsLong() == userId);
        if (announce) publish("u:" + userId);
    }

    private void publish(String message) {
        PubSub p = pubSub;
        if (p == null) return;
        try {
            p.publish(CHANNEL, message);
        } catch (RuntimeException e) {
            LOG.warn("OAuth revocation not announced to other nodes: {}", e.toString());
        }
    }

    /** A revocation announced by any node (this one included: evicting twice is harmless). */
    void onMessage(String message) {
        try {
            long id = Long.parseLong(message.substring(2));
            if (message.startsWith("t:")) evictTokens(List.of(id), false);
            else if (message.startsWith("u:")) evictUser(id, false);
        } catch (RuntimeException e) {
            LOG.debug("ignoring malformed revocation message");
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPubSub")
    void bindPubSub(PubSub p) {
        PubSub.Subscription old = subscription;
        subscription = p.subscribe(CHANNEL, this::onMessage);
        pubSub = p;
        if (old != null) old.close();
    }

    void unbindPubSub(PubSub p) {
        if (pubSub != p) return;
        pubSub = null;
        PubSub.Subscription s = subscription;
        subscription = null;
        if (s != null) s.close();
    }

    @Deactivate
    void deactivate() {
        PubSub.Subscription s = subscription;
        subscription = null;
        if (s != null) s.close();
    }
}
