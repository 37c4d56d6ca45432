package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.accounts.impl.db.UserMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.accounts.impl.security.PasswordHasher;
import social.herd.accounts.impl.security.PasswordPolicy;
import social.herd.accounts.impl.security.SecretTokens;
import social.herd.api.auth.Sessions;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.kv.RateLimiter;
import social.herd.api.mail.Mailer;

/**
 * Forgotten and changed passwords. A reset request answers the same whether or not the address is
 * registered; reset links expire after six hours and work once. Setting a new password ends every
 * session of the user, as Mastodon does.
 */
@Component(service = PasswordService.class)
public final class PasswordService {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordService.class);

    static final Duration RESET_WITHIN = Duration.ofHours(6);

    /** Outcome of using a reset link. */
    public enum Reset { DONE, EXPIRED, INVALID }

    private final Database db;
    private final RateLimiter limiter;
    private final AccountMails mails;
    private final PasswordHasher hasher;
    private final Clock clock;
    private volatile Sessions sessions;

    @Activate
    public PasswordService(@Reference Database db, @Reference RateLimiter limiter, @Reference Mailer mailer,
                           @Reference ServerSettings server,
                           @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, limiter, mailer, server, new PasswordHasher(), Clock.systemUTC());
    }

    /** For tests and embedding. */
    public PasswordService(Database db, RateLimiter limiter, Mailer mailer, ServerSettings server, PasswordHasher hasher,
                           Clock clock) {
        this.db = db;
        this.limiter = limiter;
        this.mails = new AccountMails(mailer, server);
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Ends sessions after a password change; provided by the OAuth bundle (none exist without it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setSessions(Sessions sessions) {
        this.sessions = sessions;
    }

    public void unsetSessions(Sessions gone) {
        if (this.sessions == gone) this.sessions = null;
    }

    /**
     * Mails a reset link when {@code email} belongs to a user who may sign in. Returns normally in
     * every case, so callers answer the same whatever the address.
     *
     * @return false only when the client address is over its limit
     */
    public boolean requestReset(String email, String clientAddress) {
        if (!limiter.hit("reset:addr:" + clientAddress, 25, Duration.ofMinutes(5)).allowed()) return false;
        if (email == null || email.isBlank() || email.length() > 254) return true;
        String address = email.trim();
        // per address too, so nobody floods one mailbox from many clients; silently, to not tell
        String bucket = "reset:email:" + SecretTokens.hash(address.toLowerCase(Locale.ROOT));
        if (!limiter.hit(bucket, 5, Duration.ofMinutes(30)).allowed()) return true;
        String token = SecretTokens.newToken();
        Instant now = clock.instant();
        db.transaction(tx -> {
            UserMapper users = tx.mapper(UserMapper.class);
            UserRow user = users.byEmail(address);
            if (user == null || user.suspended()) return null;
            users.setResetToken(user.id(), SecretTokens.hash(token), now);
            mails.passwordReset(tx, user, token);
            tx.afterCommit(() -> LOG.info("password reset requested user_id={}", user.id()));
            return null;
        });
        return true;
    }

    /** True when {@code token} is a reset token that can still be used (for showing the form). */
    public Reset check(String token) {
        if (token == null || token.isBlank()) return Reset.INVALID;
        return db.read(tx -> state(tx.mapper(UserMapper.class).byResetTokenHash(SecretTokens.hash(token.trim()))));
    }

    /**
     * Sets a new password with a reset link's token.
     *
     * @throws jakarta.ws.rs.WebApplicationException 422 for a weak or mismatched password
     */
    public Reset reset(String token, String password, String confirmation) {
        Reset state = check(token);
        if (state != Reset.DONE) return state;
        String hash = SecretTokens.hash(token.trim());
        UserRow user = db.read(tx -> tx.mapper(UserMapper.class).byResetTokenHash(hash));
        if (user == null) return Reset.INVALID;
        validate(password, confirmation, user);
        String passwordHash = hasher.hash(password);
        Instant now = clock.instant();
        return db.transaction(tx -> {
            UserMapper users = tx.mapper(UserMapper.class);
            // look again inside the transaction: the link works once, even when used twice at the same time
            UserRow current = users.byResetTokenHash(hash);
            Reset again = state(current);
            if (again != Reset.DONE) return again;
            users.setPassword(current.id(), passwordHash, now);
            endSessions(tx, current.id());
            tx.afterCommit(() -> LOG.info("password reset user_id={}", current.id()));
            return Reset.DONE;
        });
    }

    /**
     * Changes the password of a signed-in user who knows the current one.
     *
     * @throws jakarta.ws.rs.WebApplicationException 422 when the current password is wrong or the new one is weak
     */
    public void change(long userId, String currentPassword, String newPassword, String confirmation) {
        UserRow user = db.read(tx -> tx.mapper(UserMapper.class).byId(userId));
        if (user == null) throw social.herd.web.api.ApiException.notFound();
        if (!hasher.verify(currentPassword == null ? "" : currentPassword, user.passwordHash())) {
            new ValidationErrors().add("current_password", "ERR_INVALID", "is invalid").throwIfAny();
        }
        validate(newPassword, confirmation, user);
        setPassword(userId, newPassword);
    }

    /** Whether {@code password} is the current password of the user owning local account {@code accountId}. */
    public boolean matches(long accountId, String password) {
        UserRow user = db.read(tx -> tx.mapper(UserMapper.class).byAccountId(accountId));
        return user != null && password != null && hasher.verify(password, user.passwordHash());
    }

    /** Sets a password without any check but the hash (operators, the CLI); ends the user's sessions. */
    void setPassword(long userId, String password) {
        String passwordHash = hasher.hash(password);
        Instant now = clock.instant();
        db.transaction(tx -> {
            tx.mapper(UserMapper.class).setPassword(userId, passwordHash, now);
            endSessions(tx, userId);
            tx.afterCommit(() -> LOG.info("password changed user_id={}", userId));
            return null;
        });
    }

    /** Revokes the user's tokens in {@code tx}, when the OAuth bundle is there to hold any. */
    public void endSessions(Tx tx, long userId) {
        Sessions s = sessions;
        if (s != null) s.revokeAll(tx, userId);
    }

    private static void validate(String password, String confirmation, UserRow user) {
        ValidationErrors errors = new ValidationErrors();
        PasswordPolicy.check(password, user.username(), user.email())
                .ifPresent(p -> errors.add("password", p.code(), p.description()));
        if (confirmation != null && !confirmation.equals(password)) {
            errors.add("password_confirmation", "ERR_INVALID", "doesn't match Password");
        }
        errors.throwIfAny();
    }

    private Reset state(UserRow user) {
        if (user == null || user.suspended()) return Reset.INVALID;
        if (user.resetSentAt() == null || user.resetSentAt().plus(RESET_WITHIN).isBefore(clock.instant())) {
            return Reset.EXPIRED;
        }
        return Reset.DONE;
    }
}
