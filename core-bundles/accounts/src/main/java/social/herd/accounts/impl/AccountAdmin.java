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
import social.herd.accounts.impl.db.InviteMapper;
import social.herd.accounts.impl.db.UserMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.accounts.impl.keys.RsaKeys;
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
 * approve or reject sign-ups, reset passwords, suspend, create invites. Each action is one
 * transaction.
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
    private final ServerSettings server;

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
        this.server = server;
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
        // slow like the KDF: before the transaction
        RsaKeys.PemPair keys = RsaKeys.generate();
        String token = confirmed ? null : SecretTokens.newToken();
        Instant now = clock.instant();
        try {
            db.transaction(tx -> {
                if (tx.mapper(AccountMapper.class).localUsernameTaken(username)) throw new Refused("username is already taken");
                if (tx.mapper(UserMapper.class).emailTaken(email)) throw new Refused("e-mail address is already taken");
                UserRow user = LocalUsers.create(tx, ids, new LocalUsers.Spec(username, email, passwordHash, role,
                        confirmed, token == null ? null : SecretTokens.hash(token), true, null, null, false, "en"), keys, now);
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

    /**
     * Rejects a sign-up awaiting approval: mails the person, then deletes the user and account,
     * all in one transaction (the mail goes out only if the deletion commits).
     */
    public void reject(String username) {
        db.transaction(tx -> {
            UserRow user = user(tx.mapper(UserMapper.class), username);
            if (user.approved()) throw new Refused("account is not awaiting approval");
            mails.rejected(tx, user);
            AccountRemoval.remove(tx, user.accountId());
            tx.afterCommit(() -> LOG.info("sign-up rejected account_id={} user_id={}", user.accountId(), user.id()));
            return null;
        });
    }

    /**
     * Creates an invite that lets people sign up even when registrations are closed or need
     * approval.
     *
     * @param maxUses       how many sign-ups it allows; null for no limit
     * @param expiresInDays days until it stops working; null for never
     * @return the invite link on the public address
     */
    public String invite(Integer maxUses, Integer expiresInDays) {
        if (maxUses != null && maxUses < 1) throw new Refused("--max-uses must be at least 1");
        if (expiresInDays != null && expiresInDays < 1) throw new Refused("--expires-in-days must be at least 1");
        Instant now = clock.instant();
        Instant expiresAt = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
        String code = SecretTokens.newInviteCode();
        long id = ids.nextId();
        db.transaction(tx -> tx.mapper(InviteMapper.class).insert(id, code, maxUses, expiresAt, now));
        LOG.info("invite created by operator invite_id={} max_uses={} expires_at={}", id,
                maxUses == null ? "unlimited" : maxUses, expiresAt == null ? "never" : expiresAt);
        return server.publicUrl().toString().replaceAll("/+$", "") + "/invite/" + code;
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
