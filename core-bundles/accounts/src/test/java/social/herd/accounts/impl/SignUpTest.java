package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.accounts.Users;
import social.herd.api.accounts.Users.LoginResult;
import social.herd.api.config.ServerSettings.Registrations;
import social.herd.api.mail.Mail;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/** {@code POST /api/v1/accounts} in each registration mode, its errors, and confirmation links. */
class SignUpTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        http = Api.harness(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void reset() {
        f.settings.mode = Registrations.OPEN;
        f.limiter.reset();
        f.cache.clear();
    }

    private static ApiHarness.Response signUp(String username, String email, String password, String extra) {
        return http.form("POST", "/api/v1/accounts", "app", "username=" + username + "&email=" + email + "&password="
                + password + "&agreement=true&locale=en" + extra);
    }

    private static JsonNode json(ApiHarness.Response r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private long rows() {
        return f.count("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM users)");
    }

    @Test
    void openSignUpCreatesUnconfirmedUserSendsConfirmationAndLinkConfirmsOnce() throws Exception {
        ApiHarness.Response r = signUp("alice", "Alice%40example.org", "correct-horse-battery", "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode token = json(r);
        assertThat(token.get("access_token").asText()).isEqualTo("token-for-" + f.tokens.lastUserId);
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("created_at").isNumber()).isTrue();
        assertThat(f.tokens.userByApp).containsEntry(ApiHarness.APP_ID, f.tokens.lastUserId);

        Mail mail = f.mailer.last("confirmation");
        assertThat(mail.to()).isEqualTo("Alice@example.org");
        assertThat(mail.model()).containsEntry("username", "alice");
        assertThat(mail.model().get("link")).startsWith("https://social.example/auth/confirmation?confirmation_token=");
        // the secret is stored hashed only
        String secret = f.lastLinkToken("confirmation", "confirmation_token");
        assertThat(f.count("SELECT count(*) FROM users WHERE confirmation_token_hash = '" + secret + "'")).isZero();

        assertThat(f.users.login("alice@example.org", "correct-horse-battery", "10.0.0.1"))
                .isEqualTo(new LoginResult.Refused(Users.Reason.UNCONFIRMED));
        assertThat(f.users.byId(f.tokens.lastUserId).orElseThrow().active()).isFalse();

        ApiHarness.Response confirmed = http.get("/auth/confirmation?confirmation_token=" + secret, null);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Your address is confirmed");
        assertThat(f.users.login("ALICE@example.org", "correct-horse-battery", "10.0.0.1"))
                .isInstanceOf(LoginResult.Success.class);

        ApiHarness.Response again = http.get("/auth/confirmation?confirmation_token=" + secret, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).contains("invalid or was already used");
    }

    @Test
    void jsonSignUpWorksToo() throws Exception {
        ApiHarness.Response r = http.json("POST", "/api/v1/accounts", "app",
                "{\"username\":\"jason\",\"email\":\"jason@example.org\",\"password\":\"a fine long secret\",\"agreement\":true,\"locale\":\"de\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(f.mailer.last("confirmation").locale().getLanguage()).isEqualTo("de");
    }

    @Test
    void expiredConfirmationLinkIsRefusedClearly() {
        assertThat(signUp("late", "late%40example.org", "correct-horse-battery", "").status()).isEqualTo(200);
        String secret = f.lastLinkToken("confirmation", "confirmation_token");
        f.exec("UPDATE users SET confirmation_sent_at = now() - interval '3 days' WHERE lower(email) = 'late@example.org'");
        ApiHarness.Response r = http.get("/auth/confirmation?confirmation_token=" + secret, null);
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.body()).contains("expired");
        assertThat(f.count("SELECT count(*) FROM users WHERE confirmed_at IS NOT NULL AND email = 'late@example.org'")).isZero();
    }

    @Test
    void approvalModeNeedsReasonAndKeepsUserPendingUntilApproved() throws Exception {
        f.settings.mode = Registrations.APPROVAL;
        long before = rows();
        ApiHarness.Response missing = signUp("pat", "pat%40example.org", "correct-horse-battery", "");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).isEqualTo("{\"error\":\"Validation failed: Reason can't be blank\",\"details\":"
                + "{\"reason\":[{\"error\":\"ERR_BLANK\",\"description\":\"can't be blank\"}]}}");
        assertThat(rows()).isEqualTo(before);

        assertThat(signUp("pat", "pat%40example.org", "correct-horse-battery", "&reason=I+like+herds").status()).isEqualTo(200);
        assertThat(f.count("SELECT count(*) FROM users WHERE NOT approved AND approval_reason = 'I like herds'")).isEqualTo(1);
        ApiHarness.Response confirmed = http.get("/auth/confirmation?confirmation_token="
                + f.lastLinkToken("confirmation", "confirmation_token"), null);
        assertThat(confirmed.body()).contains("A moderator will review");
        assertThat(f.users.login("pat", "correct-horse-battery", "10.0.0.2"))
                .isEqualTo(new LoginResult.Refused(Users.Reason.PENDING_APPROVAL));

        f.admin.approve("pat");
        assertThat(f.mailer.last("approved").model()).containsEntry("username", "pat");
        assertThat(f.users.login("pat", "correct-horse-battery", "10.0.0.2")).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void closedModeNeedsAValidInviteAndCountsItsUses() {
        f.settings.mode = Registrations.CLOSED;
        long before = rows();
        ApiHarness.Response none = signUp("carl", "carl%40example.org", "correct-horse-battery", "");
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.body()).isEqualTo("{\"error\":\"This action is not allowed\"}");
        // a code that does not work is a validation error, so the person learns what is wrong
        assertThat(signUp("carl", "carl%40example.org", "correct-horse-battery", "&invite_code=nope").status()).isEqualTo(422);
        assertThat(rows()).isEqualTo(before);

        f.exec("INSERT INTO invites (id, code, max_uses) VALUES (1, 'WELCOME1', 1)");
        f.exec("INSERT INTO invites (id, code, expires_at) VALUES (2, 'OLD', now() - interval '1 day')");
        assertThat(signUp("carl", "carl%40example.org", "correct-horse-battery", "&invite_code=WELCOME1").status()).isEqualTo(200);
        assertThat(f.count("SELECT uses FROM invites WHERE code = 'WELCOME1'")).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM users WHERE invite_id = 1 AND approved")).isEqualTo(1);
        assertThat(signUp("dora", "dora%40example.org", "correct-horse-battery", "&invite_code=WELCOME1").status()).isEqualTo(422);
        assertThat(signUp("dora", "dora%40example.org", "correct-horse-battery", "&invite_code=OLD").status()).isEqualTo(422);
    }

    @Test
    void duplicateUsernameAndEmailAnswerMastodonsShapeAndLeaveNothingBehind() throws Exception {
        assertThat(signUp("taken", "taken%40example.org", "correct-horse-battery", "").status()).isEqualTo(200);
        long before = rows();
        long mails = f.mailer.count("confirmation");
        ApiHarness.Response r = signUp("TAKEN", "Taken%40Example.org", "correct-horse-battery", "");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).isEqualTo("{\"error\":\"Validation failed: Username has already been taken, Email has already been taken\","
                + "\"details\":{\"username\":[{\"error\":\"ERR_TAKEN\",\"description\":\"has already been taken\"}],"
                + "\"email\":[{\"error\":\"ERR_TAKEN\",\"description\":\"has already been taken\"}]}}");
        assertThat(rows()).isEqualTo(before);
        assertThat(f.mailer.count("confirmation")).isEqualTo(mails);
    }

    @Test
    void invalidReservedAndLongUsernamesAreRefused() throws Exception {
        long before = rows();
        JsonNode invalid = json(signUp("bad+name", "b1%40example.org", "correct-horse-battery", ""));
        assertThat(invalid.at("/details/username/0/error").asText()).isEqualTo("ERR_INVALID");
        assertThat(invalid.get("error").asText())
                .isEqualTo("Validation failed: Username must contain only letters, numbers and underscores");
        assertThat(json(signUp("Admin", "b2%40example.org", "correct-horse-battery", "")).at("/details/username/0/error").asText())
                .isEqualTo("ERR_RESERVED");
        assertThat(json(signUp("a".repeat(31), "b3%40example.org", "correct-horse-battery", "")).at("/details/username/0/description").asText())
                .isEqualTo("is too long (maximum is 30 characters)");
        assertThat(json(signUp("okname", "not-an-address", "correct-horse-battery", "")).at("/details/email/0/error").asText())
                .isEqualTo("ERR_INVALID");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void shortWeakPasswordAndMissingAgreementAreRefused() throws Exception {
        long before = rows();
        ApiHarness.Response shortOne = signUp("shorty", "s%40example.org", "abc123", "");
        assertThat(shortOne.status()).isEqualTo(422);
        assertThat(shortOne.body()).isEqualTo("{\"error\":\"Validation failed: Password is too short (minimum is 8 characters)\","
                + "\"details\":{\"password\":[{\"error\":\"ERR_TOO_SHORT\",\"description\":\"is too short (minimum is 8 characters)\"}]}}");
        assertThat(json(signUp("weakling", "w%40example.org", "password123", "")).at("/details/password/0/error").asText())
                .isEqualTo("ERR_INVALID");
        assertThat(json(signUp("samesame", "x%40example.org", "SameSame", "")).at("/details/password/0/error").asText())
                .isEqualTo("ERR_INVALID");
        ApiHarness.Response noAgreement = http.form("POST", "/api/v1/accounts", "app",
                "username=agree&email=agree%40example.org&password=correct-horse-battery&locale=en");
        assertThat(json(noAgreement).get("details").get("agreement").toString())
                .isEqualTo("[{\"error\":\"ERR_ACCEPTED\",\"description\":\"must be accepted\"}]");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void signUpNeedsAnAppTokenAndIsThrottledPerAddress() {
        ApiHarness.Response anonymous = http.form("POST", "/api/v1/accounts", null, "username=x");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"error\":\"The access token is invalid\"}");
        for (int i = 0; i < SignUpService.SIGNUPS_PER_ADDRESS; i++) {
            assertThat(signUp("bad name", "x%40example.org", "correct-horse-battery", "").status()).isEqualTo(422);
        }
        ApiHarness.Response throttled = signUp("fine", "fine%40example.org", "correct-horse-battery", "");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).isEqualTo("{\"error\":\"Too many requests\"}");
    }

    @Test
    void resendConfirmationForTheSignedInUnconfirmedUser() {
        assertThat(signUp("resend", "resend%40example.org", "correct-horse-battery", "").status()).isEqualTo(200);
        long userId = f.tokens.lastUserId;
        long accountId = f.count("SELECT account_id FROM users WHERE id = " + userId);
        String first = f.lastLinkToken("confirmation", "confirmation_token");
        ApiHarness.Response r = http.form("POST", "/api/v1/emails/confirmations", "user:" + userId + ":" + accountId,
                "email=resend2%40example.org");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(f.mailer.last("confirmation").to()).isEqualTo("resend2@example.org");
        String second = f.lastLinkToken("confirmation", "confirmation_token");
        assertThat(second).isNotEqualTo(first);
        assertThat(http.get("/auth/confirmation?confirmation_token=" + first, null).status()).isEqualTo(404);
        assertThat(http.get("/auth/confirmation?confirmation_token=" + second, null).status()).isEqualTo(200);
        ApiHarness.Response done = http.form("POST", "/api/v1/emails/confirmations", "user:" + userId + ":" + accountId, "");
        assertThat(done.status()).isEqualTo(403);
    }
}
