package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.accounts.Users;
import social.herd.api.accounts.Users.LoginResult;
import social.herd.api.config.ServerSettings.Registrations;
import social.herd.api.moderation.Moderation;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.SignUp;
import social.herd.spi.moderation.Verdict;
import social.herd.web.testing.ApiHarness;

/** {@code POST /api/v1/accounts} through the moderation filters: reject, hold, accept. */
class ModerationSignUpTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;

    /** Answers a fixed verdict and remembers what it was asked. */
    static final class FixedModeration implements Moderation {
        final Verdict verdict;
        final List<ModerationSubject> asked = new ArrayList<>();

        FixedModeration(Verdict verdict) {
            this.verdict = verdict;
        }

        @Override
        public Verdict review(ModerationSubject subject) {
            asked.add(subject);
            return verdict;
        }
    }

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
    }

    @AfterEach
    void noModeration() {
        f.signUps.setModeration(null);
    }

    private static ApiHarness.Response signUp(String username, String extra) {
        return http.send("POST", "/api/v1/accounts", "app", "application/x-www-form-urlencoded",
                ("username=" + username + "&email=" + username + "%40example.org&password=correct-horse-battery"
                        + "&agreement=true&locale=de" + extra).getBytes(), java.util.Map.of("X-Test-Peer", "203.0.113.9"));
    }

    private long rows() {
        return f.count("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM users)");
    }

    @Test
    void rejectAnswers422WithTheReasonAndWritesNothing() {
        FixedModeration m = new FixedModeration(Verdict.reject("Sign-ups from this network are not accepted"));
        f.signUps.setModeration(m);
        long before = rows();
        long mails = f.mailer.count("confirmation");
        ApiHarness.Response r = signUp("spammer", "");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).isEqualTo("{\"error\":\"Sign-ups from this network are not accepted\"}");
        assertThat(rows()).isEqualTo(before);
        assertThat(f.mailer.count("confirmation")).isEqualTo(mails);
        assertThat(m.asked).hasSize(1);
        SignUp asked = (SignUp) m.asked.get(0);
        assertThat(asked.username()).isEqualTo("spammer");
        assertThat(asked.email()).isEqualTo("spammer@example.org");
        assertThat(asked.clientAddress()).isEqualTo("203.0.113.9");
        assertThat(asked.locale().getLanguage()).isEqualTo("de");
        assertThat(asked.viaInvite()).isFalse();
    }

    @Test
    void invalidSignUpsAreRefusedBeforeModerationIsAsked() {
        FixedModeration m = new FixedModeration(Verdict.accept());
        f.signUps.setModeration(m);
        assertThat(signUp("bad+name", "").status()).isEqualTo(422);
        assertThat(m.asked).isEmpty();
    }

    @Test
    void holdCreatesAUserAwaitingApprovalWithTheReasonForModerators() {
        f.signUps.setModeration(new FixedModeration(Verdict.hold("new account from a VPN range")));
        ApiHarness.Response r = signUp("held", "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(f.count("SELECT count(*) FROM users WHERE NOT approved AND id = " + f.tokens.lastUserId
                + " AND moderation_note = 'new account from a VPN range'")).isEqualTo(1);
        http.get("/auth/confirmation?confirmation_token=" + f.lastLinkToken("confirmation", "confirmation_token"), null);
        assertThat(f.users.login("held", "correct-horse-battery", "10.1.0.1"))
                .isEqualTo(new LoginResult.Refused(Users.Reason.PENDING_APPROVAL));
        f.admin.approve("held");
        assertThat(f.users.login("held", "correct-horse-battery", "10.1.0.1")).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void holdOverridesAnInviteThatWouldSkipApproval() {
        f.settings.mode = Registrations.APPROVAL;
        f.exec("INSERT INTO invites (id, code) VALUES (9001, 'MODINVITE')");
        FixedModeration m = new FixedModeration(Verdict.hold(""));
        f.signUps.setModeration(m);
        assertThat(signUp("invitedheld", "&invite_code=MODINVITE").status()).isEqualTo(200);
        assertThat(((SignUp) m.asked.get(0)).viaInvite()).isTrue();
        assertThat(f.count("SELECT count(*) FROM users WHERE NOT approved AND invite_id = 9001 AND moderation_note <> ''"))
                .isEqualTo(1);
    }

    @Test
    void acceptAndRewriteSignUpNormally() {
        f.signUps.setModeration(new FixedModeration(Verdict.accept()));
        assertThat(signUp("accepted", "").status()).isEqualTo(200);
        f.signUps.setModeration(new FixedModeration(Verdict.rewrite("n/a", java.util.Set.of(Verdict.Rewrite.MARK_SENSITIVE))));
        assertThat(signUp("rewritten", "").status()).isEqualTo(200);
        assertThat(f.count("SELECT count(*) FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.approved"
                + " AND u.moderation_note IS NULL AND a.username IN ('accepted', 'rewritten')")).isEqualTo(2);
    }

    @Test
    void withoutModerationEverySignUpIsAccepted() {
        f.signUps.setModeration(null);
        assertThat(signUp("nomod", "").status()).isEqualTo(200);
        assertThat(f.count("SELECT count(*) FROM users WHERE approved AND id = " + f.tokens.lastUserId)).isEqualTo(1);
    }
}
