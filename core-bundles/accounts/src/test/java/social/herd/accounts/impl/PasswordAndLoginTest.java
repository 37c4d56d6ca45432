package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.accounts.impl.security.PasswordHasher;
import social.herd.api.accounts.Users.LoginResult;
import social.herd.api.accounts.Users.Reason;
import social.herd.api.auth.Role;
import social.herd.web.testing.ApiHarness;

/** Users.login (success, failures, states, throttling), password reset links and password changes. */
class PasswordAndLoginTest {

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
        f.limiter.reset();
        f.cache.clear();
    }

    private static long userId(String username) {
        return f.count("SELECT u.id FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.username = '" + username + "'");
    }

    @Test
    void hashesArePhcArgon2idAndVerifyOnlyTheRightPassword() {
        String phc = Fixture.HASHER.hash("tr0ub4dor&3");
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(Fixture.HASHER.verify("tr0ub4dor&3", phc)).isTrue();
        assertThat(Fixture.HASHER.verify("tr0ub4dor&4", phc)).isFalse();
        assertThat(Fixture.HASHER.verify("tr0ub4dor&3", "$argon2id$v=19$m=1,t=1,p=1$AA$AA")).isFalse();
        assertThat(new PasswordHasher().hash("x")).isNotEqualTo(new PasswordHasher().hash("x"));
    }

    @Test
    void loginByEmailOrUsernameAndRefusals() {
        String password = f.admin.create("lena", "Lena@example.org", Role.MODERATOR, true);
        LoginResult ok = f.users.login("lena@EXAMPLE.org", password, "10.1.0.1");
        assertThat(ok).isInstanceOf(LoginResult.Success.class);
        var summary = ((LoginResult.Success) ok).user();
        assertThat(summary.username()).isEqualTo("lena");
        assertThat(summary.role()).isEqualTo(Role.MODERATOR);
        assertThat(summary.active()).isTrue();
        assertThat(f.users.login("LENA", password, "10.1.0.1")).isInstanceOf(LoginResult.Success.class);
        assertThat(f.users.login("lena", password + "x", "10.1.0.1")).isEqualTo(new LoginResult.Refused(Reason.INVALID_CREDENTIALS));
        assertThat(f.users.byId(summary.userId())).contains(summary);
        assertThat(f.users.byId(1)).isEmpty();
    }

    @Test
    void unknownUsersCostAKdfRunAndGetTheSameAnswer() {
        long start = System.nanoTime();
        LoginResult r = f.users.login("nobody@example.org", "whatever-password", "10.1.0.2");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r).isEqualTo(new LoginResult.Refused(Reason.INVALID_CREDENTIALS));
        // an argon2id run with 19 MiB takes well over 5 ms; a plain miss would take about 1 ms
        assertThat(millis).isGreaterThanOrEqualTo(5);
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() {
        String password = f.admin.create("target", "target@example.org", Role.USER, true);
        for (int i = 0; i < 5; i++) {
            assertThat(f.users.login("target", "wrong-guess-" + i, "10.2.0." + i)).isEqualTo(new LoginResult.Refused(Reason.INVALID_CREDENTIALS));
        }
        assertThat(f.users.login("target@example.org", password, "10.2.1.1")).isEqualTo(new LoginResult.Refused(Reason.THROTTLED));
        // unknown names lock the same way, so locking does not reveal who exists
        for (int i = 0; i < 5; i++) f.users.login("ghost", "wrong-guess-" + i, "10.3.0." + i);
        assertThat(f.users.login("ghost", "anything-at-all", "10.3.1.1")).isEqualTo(new LoginResult.Refused(Reason.THROTTLED));
    }

    @Test
    void oneAddressIsLimitedTo25Attempts() {
        String password = f.admin.create("busy", "busy@example.org", Role.USER, true);
        for (int i = 0; i < 25; i++) f.users.login("nobody" + i, "x", "10.4.0.1");
        assertThat(f.users.login("busy", password, "10.4.0.1")).isEqualTo(new LoginResult.Refused(Reason.THROTTLED));
        assertThat(f.users.login("busy", password, "10.4.0.2")).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void suspendedAndUnconfirmedUsersAreRefusedWithTheirReason() {
        String password = f.admin.create("unconf", "unconf@example.org", Role.USER, false);
        assertThat(f.users.login("unconf", password, "10.5.0.1")).isEqualTo(new LoginResult.Refused(Reason.UNCONFIRMED));
        String other = f.admin.create("gone", "gone@example.org", Role.USER, true);
        f.admin.suspend("gone");
        assertThat(f.users.login("gone", other, "10.5.0.1")).isEqualTo(new LoginResult.Refused(Reason.SUSPENDED));
        assertThat(f.sessions.revoked).contains(userId("gone"));
    }

    @Test
    void resetRequestAnswersTheSameForKnownAndUnknownAddresses() {
        f.admin.create("forgetful", "forgetful@example.org", Role.USER, true);
        long before = f.mailer.count("password_reset");
        ApiHarness.Response known = http.form("POST", "/auth/password", null, "user%5Bemail%5D=Forgetful%40example.org");
        ApiHarness.Response unknown = http.form("POST", "/auth/password", null, "user%5Bemail%5D=stranger%40example.org");
        assertThat(known.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(known.status());
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(f.mailer.count("password_reset")).isEqualTo(before + 1);
        assertThat(f.mailer.last("password_reset").model().get("link"))
                .startsWith("https://social.example/auth/password/edit?reset_password_token=");
    }

    @Test
    void resetLinkSetsANewPasswordOnceAndEndsSessions() {
        String old = f.admin.create("resetme", "resetme@example.org", Role.USER, true);
        assertThat(f.passwords.requestReset("resetme@example.org", "10.6.0.1")).isTrue();
        String token = f.lastLinkToken("password_reset", "reset_password_token");

        ApiHarness.Response form = http.get("/auth/password/edit?reset_password_token=" + token, null);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"reset_password_token\" value=\"" + token + "\"");

        ApiHarness.Response weak = http.form("PUT", "/auth/password/edit", null,
                "reset_password_token=" + token + "&password=short&password_confirmation=short");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.body()).contains("Password is too short (minimum is 8 characters)");

        ApiHarness.Response done = http.form("PUT", "/auth/password/edit", null,
                "reset_password_token=" + token + "&password=a-brand-new-secret&password_confirmation=a-brand-new-secret");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(f.sessions.revoked).contains(userId("resetme"));
        assertThat(f.users.login("resetme", "a-brand-new-secret", "10.6.0.2")).isInstanceOf(LoginResult.Success.class);
        assertThat(f.users.login("resetme", old, "10.6.0.3")).isEqualTo(new LoginResult.Refused(Reason.INVALID_CREDENTIALS));

        ApiHarness.Response reused = http.form("POST", "/auth/password/edit", null,
                "reset_password_token=" + token + "&password=another-new-secret&password_confirmation=another-new-secret");
        assertThat(reused.status()).isEqualTo(404);
    }

    @Test
    void resetLinksExpireAfterSixHours() {
        f.admin.create("slowpoke", "slowpoke@example.org", Role.USER, true);
        f.passwords.requestReset("slowpoke@example.org", "10.7.0.1");
        String token = f.lastLinkToken("password_reset", "reset_password_token");
        f.exec("UPDATE users SET reset_sent_at = now() - interval '7 hours' WHERE email = 'slowpoke@example.org'");
        assertThat(http.get("/auth/password/edit?reset_password_token=" + token, null).status()).isEqualTo(410);
        assertThat(f.passwords.reset(token, "a-brand-new-secret", "a-brand-new-secret")).isEqualTo(PasswordService.Reset.EXPIRED);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsSessions() {
        String old = f.admin.create("changer", "changer@example.org", Role.USER, true);
        long id = userId("changer");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.passwords.change(id, "wrong", "a-brand-new-secret", null))
                .isInstanceOf(jakarta.ws.rs.WebApplicationException.class)
                .hasMessage("Validation failed: Current password is invalid");
        f.passwords.change(id, old, "a-brand-new-secret", "a-brand-new-secret");
        assertThat(f.sessions.revoked).contains(id);
        assertThat(f.users.login("changer", "a-brand-new-secret", "10.8.0.1")).isInstanceOf(LoginResult.Success.class);
    }
}
