package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
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
import social.herd.accounts.impl.admin.SignUpBlocks;
import social.herd.accounts.impl.db.InviteMapper;
import social.herd.accounts.impl.db.InviteRow;
import social.herd.accounts.impl.db.UserMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.accounts.impl.keys.RsaKeys;
import social.herd.accounts.impl.security.PasswordHasher;
import social.herd.accounts.impl.security.PasswordPolicy;
import social.herd.accounts.impl.security.SecretTokens;
import social.herd.api.auth.Role;
import social.herd.api.config.ServerSettings;
import social.herd.api.config.ServerSettings.Registrations;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.api.kv.RateLimiter;
import social.herd.api.mail.Mailer;
import social.herd.api.instance.InstanceOverrides;
import social.herd.api.moderation.Moderation;
import social.herd.spi.moderation.Verdict;
import social.herd.web.api.ApiException;

/**
 * Sign-up as Mastodon's {@code POST /api/v1/accounts} does it, in the server's registration mode,
 * and confirmation of the address; the web form's sign-up takes the same path without a token.
 * Every sign-up passes the moderation filters after validation and before anything is written.
 * Everything a sign-up writes (invite use, account, user, token, confirmation mail) commits in one
 * transaction or not at all.
 */
@Component(service = SignUpService.class)
public final class SignUpService {

    private static final Logger LOG = LoggerFactory.getLogger(SignUpService.class);

    /** How long a confirmation link works (Mastodon: two days). */
    static final Duration CONFIRM_WITHIN = Duration.ofDays(2);
    static final long SIGNUPS_PER_ADDRESS = 5;
    static final Duration SIGNUP_WINDOW = Duration.ofMinutes(30);

    /**
     * What the client sent. {@code passwordConfirmation} is checked only when not null (the web
     * form sends it, the API does not).
     */
    public record SignUp(String username, String email, String password, boolean agreement, String locale,
                         String reason, String inviteCode, String passwordConfirmation) {
        /** As the API sends it: no password confirmation. */
        public SignUp(String username, String email, String password, boolean agreement, String locale,
                      String reason, String inviteCode) {
            this(username, email, password, agreement, locale, reason, inviteCode, null);
        }
    }

    /** What a web sign-up created: the user, and whether a moderator must approve it first. */
    public record Registered(long userId, boolean approvalRequired) {}

    /** State of an invite code. */
    public enum InviteState { VALID, EXPIRED, UNKNOWN }

    /** Outcome of following a confirmation link. */
    public enum Confirmation { CONFIRMED, CONFIRMED_AWAITING_APPROVAL, EXPIRED, INVALID }

    private final Database db;
    private final IdGenerator ids;
    private final ServerSettings server;
    private final RateLimiter limiter;
    private final AccountMails mails;
    private final PasswordHasher hasher;
    private final AccountEvents events;
    private final Clock clock;
    /** Provided by the OAuth bundle; optional so that sign-up answers 503 rather than vanishing without it. */
    private volatile SignUpTokens tokens;
    /** Provided by the moderation bundle; without it every sign-up is accepted. */
    private volatile Moderation moderation;

    @Activate
    public SignUpService(@Reference Database db, @Reference IdGenerator ids, @Reference ServerSettings server,
                         @Reference RateLimiter limiter, @Reference Mailer mailer, @Reference AccountEvents events,
                         @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, ids, server, limiter, mailer, new PasswordHasher(), events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public SignUpService(Database db, IdGenerator ids, ServerSettings server, RateLimiter limiter, Mailer mailer,
                         PasswordHasher hasher, AccountEvents events, Clock clock) {
        this.db = db;
        this.events = events;
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setModeration(Moderation moderation) {
        this.moderation = moderation;
    }

    public void unsetModeration(Moderation gone) {
        if (this.moderation == gone) this.moderation = null;
    }

    /** Set by the admin bundle when it runs: registration mode changes made through the admin API. */
    private volatile InstanceOverrides overrides;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setOverrides(InstanceOverrides overrides) {
        this.overrides = overrides;
    }

    public void unsetOverrides(InstanceOverrides gone) {
        if (this.overrides == gone) this.overrides = null;
    }

    /** The server's registration mode now: an admin's choice, else the configuration's. */
    public Registrations mode() {
        InstanceOverrides o = overrides;
        return o == null ? server.registrations() : o.registrations().orElse(server.registrations());
    }

    /** Whether {@code code} can be used to sign up now. */
    public InviteState inviteState(String code) {
        String c = blankToNull(code);
        if (c == null) return InviteState.UNKNOWN;
        InviteRow invite = db.read(tx -> tx.mapper(InviteMapper.class).byCode(c));
        if (invite == null) return InviteState.UNKNOWN;
        return invite.usable(clock.instant()) ? InviteState.VALID : InviteState.EXPIRED;
    }

    /**
     * Creates an unconfirmed user and answers the app's token for it.
     *
     * @throws ApiException 429 when the address signed up too often, 403 when registrations are
     *                      closed and no invite was given, 422 when moderation refused the
     *                      sign-up, 503 without a token issuer
     * @throws jakarta.ws.rs.WebApplicationException 422 with Mastodon's {@code details}
     */
    public SignUpTokens.IssuedToken signUp(SignUp form, long applicationId, Set<String> scopes, String clientAddress) {
        admit(form, clientAddress);
        SignUpTokens issuer = tokens;
        if (issuer == null) throw new ApiException(503, "Sign-up is not available right now");
        return register(form, clientAddress, (tx, user) -> issuer.issue(tx, applicationId, user.id(), scopes));
    }

    /**
     * The web form's sign-up: the same checks, writes and mail as {@link #signUp}, without an
     * OAuth token (the person signs in with an app once confirmed).
     */
    public Registered signUpWeb(SignUp form, String clientAddress) {
        admit(form, clientAddress);
        return register(form, clientAddress, (tx, user) -> new Registered(user.id(), !user.approved()));
    }

    /** Throttling and the closed-mode gate, before any validation work. */
    private void admit(SignUp form, String clientAddress) {
        if (!limiter.hit("signup:addr:" + clientAddress, SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW).allowed()) {
            throw new ApiException(429, "Too many requests");
        }
        if (mode() == Registrations.CLOSED && blankToNull(form.inviteCode()) == null) {
            throw ApiException.forbidden("This action is not allowed");
        }
        // an admin's IP block answers like closed registrations, as Mastodon does
        if (db.read(tx -> SignUpBlocks.check(tx, null, clientAddress)).refused()) {
            LOG.info("sign-up refused by an ip block");
            throw ApiException.forbidden("This action is not allowed");
        }
    }

    /** Finishes a sign-up inside its transaction, e.g. by issuing a token. */
    @FunctionalInterface
    private interface Finish<T> {
        T apply(Tx tx, UserRow user);
    }

    private <T> T register(SignUp form, String clientAddress, Finish<T> finish) {
        Registrations mode = mode();
        String invite = blankToNull(form.inviteCode());
        String username = form.username() == null ? "" : form.username().trim();
        String email = form.email() == null ? "" : form.email().trim();
        String locale = blankToNull(form.locale()) == null ? "en" : form.locale().trim();
        ValidationErrors errors = new ValidationErrors();
        addIf(errors, "username", AccountRules.usernameProblem(username, false));
        addIf(errors, "email", AccountRules.emailProblem(email));
        PasswordPolicy.check(form.password(), username, email)
                .ifPresent(p -> errors.add("password", p.code(), p.description()));
        if (form.passwordConfirmation() != null && !form.passwordConfirmation().equals(form.password())) {
            errors.add("password_confirmation", "ERR_INVALID", "doesn't match Password");
        }
        if (!form.agreement()) errors.add("agreement", "ERR_ACCEPTED", "must be accepted");
        if (!AccountRules.validLocale(locale)) errors.add("locale", "ERR_INCLUSION", "is not included in the list");
        boolean reasonRequired = mode == Registrations.APPROVAL && invite == null;
        if (reasonRequired && blankToNull(form.reason()) == null) errors.add("reason", "ERR_BLANK", "can't be blank");
        if (invite != null) inviteProblem(errors, inviteState(invite));
        SignUpBlocks.Verdict blocks = db.read(tx -> SignUpBlocks.check(tx, email, clientAddress));
        if (blocks.emailBlocked()) errors.add("email", "ERR_BLOCKED", "is not allowed");
        errors.throwIfAny();

        Verdict verdict = review(new social.herd.spi.moderation.SignUp(username, email, clientAddress,
                form.reason(), AccountRules.validLocale(locale) ? Locale.forLanguageTag(locale.replace('_', '-')) : null,
                invite != null));
        if (verdict.decision() == Verdict.Decision.REJECT) {
            LOG.info("sign-up refused by moderation");
            throw ApiException.unprocessable(verdict.reason().isBlank() ? "Your sign-up was not accepted" : verdict.reason());
        }
        boolean held = verdict.decision() == Verdict.Decision.HOLD;

        // the KDF is slow on purpose: run it before taking a connection from the pool
        String passwordHash = hasher.hash(form.password());
        // so is RSA key generation; a key pair wasted on a sign-up refused below costs only CPU
        RsaKeys.PemPair keys = RsaKeys.generate();
        String token = SecretTokens.newToken();
        Instant now = clock.instant();
        try {
            return db.transaction(tx -> {
                Long inviteId = null;
                if (invite != null) {
                    inviteId = tx.mapper(InviteMapper.class).use(invite, now);
                    // used up or expired between the check above and now
                    if (inviteId == null) inviteProblem(new ValidationErrors(), InviteState.EXPIRED).throwIfAny();
                }
                ValidationErrors taken = new ValidationErrors();
                if (tx.mapper(social.herd.accounts.impl.db.AccountMapper.class).localUsernameTaken(username)) {
                    taken.add("username", "ERR_TAKEN", "has already been taken");
                }
                if (tx.mapper(UserMapper.class).emailTaken(email)) taken.add("email", "ERR_TAKEN", "has already been taken");
                taken.throwIfAny();
                boolean approved = !held && !blocks.needsApproval() && (mode != Registrations.APPROVAL || inviteId != null);
                UserRow user = LocalUsers.create(tx, ids, new LocalUsers.Spec(username, email, passwordHash, Role.USER,
                        false, SecretTokens.hash(token), approved, blankToNull(form.reason()), inviteId, true, locale), keys, now);
                if (held) {
                    tx.mapper(UserMapper.class).setModerationNote(user.id(),
                            verdict.reason().isBlank() ? "held by a moderation filter" : verdict.reason());
                }
                mails.confirmation(tx, email, username, locale, token);
                events.signedUp(tx, user.accountId(), user.id(), !approved);
                T result = finish.apply(tx, user);
                tx.afterCommit(() -> LOG.info("account signed up account_id={} user_id={} approval_required={} held={}",
                        user.accountId(), user.id(), !approved, held));
                return result;
            });
        } catch (RuntimeException e) {
            String conflict = Conflicts.uniqueViolation(e);
            if (conflict == null || conflict.equals("other")) throw e;
            // lost a race with another sign-up between our check and our insert
            throw new ValidationErrors().add(conflict, "ERR_TAKEN", "has already been taken").toException();
        }
    }

    private Verdict review(social.herd.spi.moderation.SignUp subject) {
        Moderation m = moderation;
        return m == null ? Verdict.accept() : m.review(subject);
    }

    private static ValidationErrors inviteProblem(ValidationErrors errors, InviteState state) {
        switch (state) {
            case VALID -> { }
            case EXPIRED -> errors.add("invite_code", "ERR_INVALID", "has expired or was used up");
            case UNKNOWN -> errors.add("invite_code", "ERR_INVALID", "is invalid");
        }
        return errors;
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
