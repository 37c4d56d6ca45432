package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.UserMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.accounts.impl.security.PasswordHasher;
import social.herd.accounts.impl.security.SecretTokens;
import social.herd.api.auth.Role;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.id.IdGenerator;
import social.herd.api.mail.Mailer;

/**
 * Operator actions (the CLI now, the admin API later): create users with any name and role,
 * approve, reset passwords, suspend. Each action is one transaction.
 */
@Component(service = AccountAdmin.class)
public final class AccountAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(AccountAdmin.class);

    /** A refused operator action, with a one-line reason for the operator. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Database db;
    private final IdGenerator ids;
    private final AccountMails mails;
    private final PasswordService passwords;
    private final PasswordHasher hasher;
    private final Clock clock;

    @Activate
    public AccountAdmin(@Reference Database db, @Reference IdGenerator ids, @Reference Mailer mailer,
                        @Reference ServerSettings server, @Reference PasswordService passwords,
                        @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, ids, mailer, server, passwords, new PasswordHasher(), Clock.systemUTC());
    }

    /** For tests and embedding. */
    public AccountAdmin(Database db, IdGenerator ids, Mailer mailer, ServerSettings server, PasswordService passwords,
                        PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.mails = new AccountMails(mailer, server);
        this.passwords = passwords;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Creates an approved local user with a generated password. Reserved names are allowed here.
     * Without {@code confirmed} a confirmation mail is sent.
     *
     * @return the generated password
     */
    public String create(String username, String email, Role role, boolean confirmed) {
        ValidationErrors.Detail u = AccountRules.usernameProblem(username, true);
        if (u != null) throw new Refused("username " + u.description());
        ValidationErrors.Detail e = AccountRules.emailProblem(email);
        if (e != null) throw new Refused("e-mail address " + e.description());
        String password = SecretTokens.newPassword();
        String passwordHash = hasher.hash(password);
        String token = confirmed ? null : SecretTokens.newToken();
        Instant now = clock.instant();
        try {
            db.transaction(tx -> {
                if (tx.mapper(AccountMapper.class).localUsernameTaken(username)) throw new Refused("username is already taken");
                if (tx.mapper(UserMapper.class).emailTaken(email)) throw new Refused("e-mail address is already taken");
                UserRow user = LocalUsers.create(tx, ids, new LocalUsers.Spec(username, email, passwordHash, role,
                        confirmed, token == null ? null : SecretTokens.hash(token), true, null, null, false, "en"), now);
                if (token != null) mails.confirmation(tx, user.email(), username, "en", token);
                tx.afterCommit(() -> LOG.info("account created by operator account_id={} user_id={} role={}",
                        user.accountId(), user.id(), LocalUsers.roleName(role)));
                return null;
            });
        } catch (RuntimeException ex) {
            String conflict = Conflicts.uniqueViolation(ex);
            if (conflict == null) throw ex;
            throw new Refused(conflict.equals("email") ? "e-mail address is already taken" : "username is already taken");
        }
        return password;
    }

    /** Approves a user awaiting approval and mails them. */
    public void approve(String username) {
        Instant now = clock.instant();
        db.transaction(tx -> {
            UserRow user = user(tx.mapper(UserMapper.class), username);
            if (user.approved()) throw new Refused("account is already approved");
            tx.mapper(UserMapper.class).approve(user.id(), now);
            mails.approved(tx, user);
            tx.afterCommit(() -> LOG.info("account approved user_id={}", user.id()));
            return null;
        });
    }

    /** Gives the user a new generated password and ends their sessions. */
    public String resetPassword(String username) {
        UserRow user = db.read(tx -> user(tx.mapper(UserMapper.class), username));
        String password = SecretTokens.newPassword();
        passwords.setPassword(user.id(), password);
        return password;
    }

    /** Suspends the account: no sign-in, no tokens, not shown. */
    public void suspend(String username) {
        Instant now = clock.instant();
        db.transaction(tx -> {
            UserRow user = user(tx.mapper(UserMapper.class), username);
            if (tx.mapper(AccountMapper.class).suspend(user.accountId(), now) == 0) {
                throw new Refused("account is already suspended");
            }
            passwords.endSessions(tx, user.id());
            tx.afterCommit(() -> LOG.info("account suspended account_id={}", user.accountId()));
            return null;
        });
    }

    private static UserRow user(UserMapper users, String username) {
        UserRow user = users.byUsername(username);
        if (user == null) throw new Refused("no local account named " + username);
        return user;
    }
}
