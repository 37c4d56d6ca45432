package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.UserMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.accounts.impl.security.LoginThrottle;
import social.herd.accounts.impl.security.PasswordHasher;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.events.EventTypes;
import social.herd.api.kv.Cache;
import social.herd.api.kv.RateLimiter;

/**
 * Self-serve account deletion, as Mastodon's settings page does it: the person proves the password
 * and types the username; the account then disappears at once (suspended, sessions ended, sign-in
 * refused, {@code account.deleted} published) and its rows are purged by {@link AccountPurgeTask} after {@link #GRACE_PERIOD}, which
 * leaves an operator time to undo a mistake or an account takeover.
 */
@Component(service = AccountDeletion.class)
public final class AccountDeletion {

    private static final Logger LOG = LoggerFactory.getLogger(AccountDeletion.class);

    /** Time between the request and the purge. */
    public static final Duration GRACE_PERIOD = Duration.ofDays(30);

    /** What became of a request. */
    public enum Status { SCHEDULED, THROTTLED, INVALID_CREDENTIALS, CONFIRMATION_MISMATCH, NOT_ALLOWED }

    /**
     * @param status      the outcome
     * @param deleteAfter when the rows go, with {@link Status#SCHEDULED}; null otherwise
     */
    public record Result(Status status, Instant deleteAfter) {
        static Result of(Status status) {
            return new Result(status, null);
        }
    }

    private final Database db;
    private final PasswordService passwords;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AccountEvents events;
    private final Clock clock;

    @Activate
    public AccountDeletion(@Reference Database db, @Reference RateLimiter limiter, @Reference Cache cache,
                           @Reference PasswordService passwords, @Reference AccountEvents events,
                           @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, limiter, cache, passwords, events, new PasswordHasher(), Clock.systemUTC());
    }

    /** For tests and embedding. */
    public AccountDeletion(Database db, RateLimiter limiter, Cache cache, PasswordService passwords,
                           AccountEvents events, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.events = events;
        this.passwords = passwords;
        this.hasher = hasher;
        this.throttle = new LoginThrottle(limiter, cache);
        this.clock = clock;
    }

    /**
     * Checks the credentials exactly as sign-in does (same throttle, same constant work for
     * unknown users), then in one transaction disables the user, suspends the account, ends every
     * session and schedules the purge.
     *
     * @param login         e-mail address or username
     * @param typedUsername the username typed again as confirmation
     */
    public Result request(String login, String password, String typedUsername, String clientAddress) {
        if (!throttle.attemptAllowed(clientAddress)) return Result.of(Status.THROTTLED);
        String name = login == null ? "" : login.trim();
        UserRow user = name.isEmpty() ? null : db.read(tx -> {
            UserMapper users = tx.mapper(UserMapper.class);
            return name.contains("@") ? users.byEmail(name) : users.byUsername(name);
        });
        Long userId = user == null ? null : user.id();
        if (throttle.locked(name, userId)) return Result.of(Status.THROTTLED);
        String given = password == null ? "" : password;
        boolean matches;
        if (user == null) {
            // the KDF runs whether or not the user exists, so timing does not tell who is registered
            hasher.verifyDummy(given);
            matches = false;
        } else {
            matches = hasher.verify(given, user.passwordHash());
        }
        if (!matches) {
            throttle.failed(name, userId);
            return Result.of(Status.INVALID_CREDENTIALS);
        }
        if (user.suspended()) return Result.of(Status.NOT_ALLOWED);
        if (typedUsername == null || !typedUsername.trim().equalsIgnoreCase(user.username())) {
            return Result.of(Status.CONFIRMATION_MISMATCH);
        }
        Instant now = clock.instant();
        Instant deleteAfter = now.plus(GRACE_PERIOD);
        boolean marked = db.transaction(tx -> {
            if (tx.mapper(UserMapper.class).markDeleted(user.id(), now, deleteAfter) == 0) return false;
            tx.mapper(AccountMapper.class).suspend(user.accountId(), now);
            passwords.endSessions(tx, user.id());
            // federation tells other servers (Delete actor) now: the account is gone for them at once
            events.account(tx, EventTypes.ACCOUNT_DELETED, user.accountId());
            tx.afterCommit(() -> LOG.info("account deletion requested account_id={} user_id={} delete_after={}",
                    user.accountId(), user.id(), deleteAfter));
            return true;
        });
        return marked ? new Result(Status.SCHEDULED, deleteAfter) : Result.of(Status.NOT_ALLOWED);
    }
}
