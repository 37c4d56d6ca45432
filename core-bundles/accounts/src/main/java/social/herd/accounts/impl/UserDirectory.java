package social.herd.accounts.impl;

import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.accounts.impl.db.UserMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.accounts.impl.security.LoginThrottle;
import social.herd.accounts.impl.security.PasswordHasher;
import social.herd.api.accounts.UserSummary;
import social.herd.api.accounts.Users;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.kv.Cache;
import social.herd.api.kv.RateLimiter;

/**
 * {@link Users} for the OAuth bundle: password checks (throttled, constant work for unknown users)
 * and look-ups by id.
 */
@Component(service = Users.class)
public final class UserDirectory implements Users {

    private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);

    private final Database db;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    @Activate
    public UserDirectory(@Reference Database db, @Reference RateLimiter limiter, @Reference Cache cache,
                         @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, limiter, cache, new PasswordHasher());
    }

    /** For tests and embedding. */
    public UserDirectory(Database db, RateLimiter limiter, Cache cache, PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
        this.throttle = new LoginThrottle(limiter, cache);
    }

    @Override
    public LoginResult login(String login, String password, String clientAddress) {
        if (!throttle.attemptAllowed(clientAddress)) {
            LOG.debug("login refused: too many attempts from one address");
            return new LoginResult.Refused(Reason.THROTTLED);
        }
        String name = login == null ? "" : login.trim();
        UserRow user = name.isEmpty() ? null : db.read(tx -> {
            UserMapper users = tx.mapper(UserMapper.class);
            return name.contains("@") ? users.byEmail(name) : users.byUsername(name);
        });
        Long userId = user == null ? null : user.id();
        if (throttle.locked(name, userId)) return new LoginResult.Refused(Reason.THROTTLED);
        // the KDF runs whether or not the user exists, so timing does not tell who is registered
        boolean matches = user == null ? dummy(password) : hasher.verify(password == null ? "" : password, user.passwordHash());
        if (!matches) {
            if (throttle.failed(name, userId)) {
                LOG.info("login locked after repeated failures user_id={}", userId == null ? "unknown" : userId);
            }
            return new LoginResult.Refused(Reason.INVALID_CREDENTIALS);
        }
        if (user.suspended()) return new LoginResult.Refused(Reason.SUSPENDED);
        if (!user.confirmed()) return new LoginResult.Refused(Reason.UNCONFIRMED);
        if (!user.approved()) return new LoginResult.Refused(Reason.PENDING_APPROVAL);
        // one indexed write after a KDF run that costs far more; feeds usage()
        db.transaction(tx -> tx.mapper(UserMapper.class).signedIn(user.id()));
        LOG.debug("login user_id={}", user.id());
        return new LoginResult.Success(summary(user));
    }

    private boolean dummy(String password) {
        hasher.verifyDummy(password);
        return false;
    }

    @Override
    public Optional<UserSummary> byId(long userId) {
        return Optional.ofNullable(db.read(tx -> tx.mapper(UserMapper.class).byId(userId))).map(UserDirectory::summary);
    }

    @Override
    public java.util.List<UserSummary> staff() {
        return db.read(tx -> tx.mapper(UserMapper.class).staff()).stream().map(UserDirectory::summary)
                .filter(UserSummary::active).toList();
    }

    /**
     * Counts confirmed, approved users who are not deleted, disabled or suspended; active ones
     * signed in with their password or posted within the window (token use is the OAuth bundle's
     * and not counted).
     */
    @Override
    public Usage usage() {
        return db.read(tx -> tx.mapper(UserMapper.class).usage());
    }

    static UserSummary summary(UserRow u) {
        UserSummary.State state = u.suspended() ? UserSummary.State.DISABLED
                : !u.confirmed() ? UserSummary.State.UNCONFIRMED
                : !u.approved() ? UserSummary.State.PENDING_APPROVAL
                : UserSummary.State.ACTIVE;
        return new UserSummary(u.id(), u.accountId(), u.username(), u.email(), LocalUsers.role(u.role()), state);
    }
}
