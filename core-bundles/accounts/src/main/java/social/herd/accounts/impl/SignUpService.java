package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.accounts.api.SignUpTokens;
import social.herd.accounts.impl.db.InviteMapper;
import social.herd.accounts.impl.db.UserMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.accounts.impl.security.PasswordHasher;
import social.herd.accounts.impl.security.PasswordPolicy;
import social.herd.accounts.impl.security.SecretTokens;
import social.herd.api.auth.Role;
import social.herd.api.config.ServerSettings;
import social.herd.api.config.ServerSettings.Registrations;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.id.IdGenerator;
import social.herd.api.kv.RateLimiter;
import social.herd.api.mail.Mailer;
import social.herd.web.api.ApiException;

/**
 * Sign-up as Mastodon's {@code POST /api/v1/accounts} does it, in the server's registration mode,
 * and confirmation of the address. Everything a sign-up writes (invite use, account, user, token,
 * confirmation mail) commits in one transaction or not at all.
 */
@Component(service = SignUpService.class)
public final class SignUpService {

    private static final Logger LOG = LoggerFactory.getLogger(SignUpService.class);

    /** How long a confirmation link works (Mastodon: two days). */
    static final Duration CONFIRM_WITHIN = Duration.ofDays(2);
    static final long SIGNUPS_PER_ADDRESS = 5;
    static final Duration SIGNUP_WINDOW = Duration.ofMinutes(30);

    /** What the client sent. */
    public record SignUp(String username, String email, String password, boolean agreement, String locale,
                         String reason, String inviteCode) {}

    /** Outcome of following a confirmation link. */
    public enum Confirmation { CONFIRMED, CONFIRMED_AWAITING_APPROVAL, EXPIRED, INVALID }

    private final Database db;
    private final IdGenerator ids;
    private final ServerSettings server;
    private final RateLimiter limiter;
    private final AccountMails mails;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Provided by the OAuth bundle; optional so that sign-up answers 503 rather than vanishing without it. */
    private volatile SignUpTokens tokens;

    @Activate
    public SignUpService(@Reference Database db, @Reference IdGenerator ids, @Reference ServerSettings server,
                         @Reference RateLimiter limiter, @Reference Mailer mailer,
                         @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, ids, server, limiter, mailer, new PasswordHasher(), Clock.systemUTC());
    }

    /** For tests and embedding. */
    public SignUpService(Database db, IdGenerator ids, ServerSettings server, RateLimiter limiter, Mailer mailer,
                         PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.server = server;
        this.limiter = limiter;
        this.mails = new AccountMails(mailer, server);
        this.hasher = hasher;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setTokens(SignUpTokens tokens) {
        this.tokens = tokens;
    }

    public void unsetTokens(SignUpTokens gone) {
        if (this.tokens == gone) this.tokens = null;
    }

    /**
     * Creates an unconfirmed user and answers the app's token for it.
     *
     * @throws ApiException 429 when the address signed up too often, 403 when registrations are
     *                      closed and no valid invite was given, 503 without a token issuer
     * @throws jakarta.ws.rs.WebApplicationException 422 with Mastodon's {@code details}
     */
    public SignUpTokens.IssuedToken signUp(SignUp form, long applicationId, Set<String> scopes, String clientAddress) {
        if (!limiter.hit("signup:addr:" + clientAddress, SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW).allowed()) {
            throw new ApiException(429, "Too many requests");
        }
        Registrations mode = server.registrations();
        String invite = blankToNull(form.inviteCode());
        if (mode == Registrations.CLOSED && invite == null) throw ApiException.forbidden("This action is not allowed");
        SignUpTokens issuer = tokens;
        if (issuer == null) throw new ApiException(503, "Sign-up is not available right now");

        String username = form.username() == null ? "" : form.username().trim();
        String email = form.email() == null ? "" : form.email().trim();
        String locale = blankToNull(form.locale()) == null ? "en" : form.locale().trim();
        ValidationErrors errors = new ValidationErrors();
        addIf(errors, "username", AccountRules.usernameProblem(username, false));
        addIf(errors, "email", AccountRules.emailProblem(email));
        PasswordPolicy.check(form.password(), username, email)
                .ifPresent(p -> errors.add("password", p.code(), p.description()));
        if (!form.agreement()) errors.add("agreement", "ERR_ACCEPTED", "must be accepted");
        if (!AccountRules.validLocale(locale)) errors.add("locale", "ERR_INCLUSION", "is not included in the list");
        boolean reasonRequired = mode == Registrations.APPROVAL && invite == null;
        if (reasonRequired && blankToNull(form.reason()) == null) errors.add("reason", "ERR_BLANK", "can't be blank");
        errors.throwIfAny();

        // the KDF is slow on purpose: run it before taking a connection from the pool
        String passwordHash = hasher.hash(form.password());
        String token = SecretTokens.newToken();
        Instant now = clock.instant();
        try {
            return db.transaction(tx -> {
                Long inviteId = invite == null ? null : tx.mapper(InviteMapper.class).use(invite, now);
                if (inviteId == null && mode == Registrations.CLOSED) {
                    throw ApiException.forbidden("This action is not allowed");
                }
                ValidationErrors taken = new ValidationErrors();
                if (tx.mapper(social.herd.accounts.impl.db.AccountMapper.class).localUsernameTaken(username)) {
                    taken.add("username", "ERR_TAKEN", "has already been taken");
                }
                if (tx.mapper(UserMapper.class).emailTaken(email)) taken.add("email", "ERR_TAKEN", "has already been taken");
                taken.throwIfAny();
                boolean approved = mode != Registrations.APPROVAL || inviteId != null;
                UserRow user = LocalUsers.create(tx, ids, new LocalUsers.Spec(username, email, passwordHash, Role.USER,
                        false, SecretTokens.hash(token), approved, blankToNull(form.reason()), inviteId, true, locale), now);
                mails.confirmation(tx, email, username, locale, token);
                SignUpTokens.IssuedToken issued = issuer.issue(tx, applicationId, user.id(), scopes);
                tx.afterCommit(() -> LOG.info("account signed up account_id={} user_id={} approval_required={}",
                        user.accountId(), user.id(), !approved));
                return issued;
            });
        } catch (RuntimeException e) {
            String conflict = Conflicts.uniqueViolation(e);
            if (conflict == null || conflict.equals("other")) throw e;
            // lost a race with another sign-up between our check and our insert
            throw new ValidationErrors().add(conflict, "ERR_TAKEN", "has already been taken").toException();
        }
    }

    /** Follows a confirmation link: the token is single use and expires after {@link #CONFIRM_WITHIN}. */
    public Confirmation confirm(String token) {
        if (token == null || token.isBlank()) return Confirmation.INVALID;
        String hash = SecretTokens.hash(token.trim());
        Instant now = clock.instant();
        return db.transaction(tx -> {
            UserMapper users = tx.mapper(UserMapper.class);
            UserRow user = users.byConfirmationTokenHash(hash);
            if (user == null) return Confirmation.INVALID;
            if (user.confirmationSentAt() == null || user.confirmationSentAt().plus(CONFIRM_WITHIN).isBefore(now)) {
                return Confirmation.EXPIRED;
            }
            users.confirm(user.id(), now);
            tx.afterCommit(() -> LOG.info("e-mail confirmed user_id={}", user.id()));
            return user.approved() ? Confirmation.CONFIRMED : Confirmation.CONFIRMED_AWAITING_APPROVAL;
        });
    }

    /**
     * Sends a new confirmation link to a user still awaiting confirmation, optionally to a corrected
     * address ({@code POST /api/v1/emails/confirmations}).
     *
     * @throws ApiException 403 when the address is already confirmed, 429 when asked too often
     */
    public void resendConfirmation(long userId, String newEmail) {
        if (!limiter.hit("confirm:user:" + userId, 5, SIGNUP_WINDOW).allowed()) throw new ApiException(429, "Too many requests");
        String email = blankToNull(newEmail) == null ? null : newEmail.trim();
        if (email != null) {
            ValidationErrors errors = new ValidationErrors();
            addIf(errors, "email", AccountRules.emailProblem(email));
            errors.throwIfAny();
        }
        String token = SecretTokens.newToken();
        Instant now = clock.instant();
        try {
            db.transaction(tx -> {
                UserMapper users = tx.mapper(UserMapper.class);
                UserRow user = users.byId(userId);
                if (user == null) throw ApiException.notFound();
                if (user.confirmed()) {
                    throw ApiException.forbidden("This method is only available while the e-mail is awaiting confirmation");
                }
                String to = user.email();
                if (email != null && !email.equalsIgnoreCase(user.email())) {
                    if (users.emailTaken(email)) {
                        new ValidationErrors().add("email", "ERR_TAKEN", "has already been taken").throwIfAny();
                    }
                    users.setEmail(userId, email, now);
                    to = email;
                }
                users.setConfirmationToken(userId, SecretTokens.hash(token), now);
                mails.confirmation(tx, to, user.username(), user.locale(), token);
                return null;
            });
        } catch (RuntimeException e) {
            if (!"email".equals(Conflicts.uniqueViolation(e))) throw e;
            throw new ValidationErrors().add("email", "ERR_TAKEN", "has already been taken").toException();
        }
        LOG.debug("confirmation mail resent user_id={}", userId);
    }

    private static void addIf(ValidationErrors errors, String attribute, ValidationErrors.Detail problem) {
        if (problem != null) errors.add(attribute, problem.error(), problem.description());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
