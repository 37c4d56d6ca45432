package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.accounts.impl.web.SignUpPageResource;
import social.herd.api.config.ServerSettings.Registrations;
import social.herd.api.mail.Mail;
import social.herd.spi.moderation.Verdict;
import social.herd.spi.rules.Rule;
import social.herd.web.testing.ApiHarness;

/** The web sign-up form at {@code /auth/sign_up}. */
class SignUpFormTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        SignUpPageResource signUpPage = new SignUpPageResource(f.signUps, f.settings);
        http = Api.harness(f, signUpPage);
        signUpPage.setRules(locale -> List.of(new Rule("1", "Be <kind>", "No harassment & no spam"),
                new Rule("2", "No illegal content", "")));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void reset() {
        f.settings.mode = Registrations.OPEN;
        f.limiter.reset();
        f.signUps.setModeration(null);
    }

    private long rows() {
        return f.count("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM users)");
    }

    private static String valid(String username) {
        return "username=" + username + "&email=" + username + "%40example.org&password=correct-horse-battery"
                + "&password_confirmation=correct-horse-battery&agreement=1";
    }

    @Test
    void formShowsEscapedRulesAnAgreementBoxAndACsrfToken() {
        ApiHarness.Response page = http.get("/auth/sign_up", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("content-type")).startsWith("text/html");
        assertThat(page.body()).contains("<li>Be &lt;kind&gt;<br><small>No harassment &amp; no spam</small></li>")
                .contains("<li>No illegal content</li>")
                .contains("name=\"agreement\"").contains("name=\"password_confirmation\"")
                .doesNotContain("name=\"reason\"");
        Pages.of(page);
    }

    @Test
    void postWithoutOrWithAWrongTokenIsRefusedAndWritesNothing() {
        Pages p = Pages.of(http.get("/auth/sign_up", null));
        long before = rows();
        ApiHarness.Response noCookie = Pages.submit(http, "/auth/sign_up", null, p.with(valid("forged")));
        assertThat(noCookie.status()).isEqualTo(403);
        assertThat(noCookie.body()).contains("This form has expired");
        ApiHarness.Response wrong = Pages.submit(http, "/auth/sign_up", p.cookie(), "authenticity_token=" + "x".repeat(43) + "&" + valid("forged"));
        assertThat(wrong.status()).isEqualTo(403);
        ApiHarness.Response missing = Pages.submit(http, "/auth/sign_up", p.cookie(), valid("forged"));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void errorsAreShownBesideTheFieldsWithTheValuesKeptButNotThePasswords() {
        assertThat(Pages.submit(http, "/auth/sign_up", null, "x").status()).isEqualTo(403);
        Pages p = Pages.of(http.get("/auth/sign_up", null));
        ApiHarness.Response ok = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("takenweb")));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        long before = rows();
        ApiHarness.Response r = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with("username=Fresh&email=%22%3E%3Cb%3Enot-an-address"
                + "&password=abc123&password_confirmation=other-secret"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("data-field=\"email\">Email is invalid")
                .contains("data-field=\"password\">Password is too short (minimum is 8 characters)")
                .contains("data-field=\"password_confirmation\">Password confirmation doesn&#39;t match Password")
                .contains("data-field=\"agreement\">Agreement must be accepted")
                .contains("value=\"Fresh\"")
                .contains("value=\"&quot;&gt;&lt;b&gt;not-an-address\"")
                .doesNotContain("abc123").doesNotContain("other-secret").doesNotContain("<b>not");
        // taken names are found once the rest is valid, as the API does
        ApiHarness.Response taken = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("TakenWeb")));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.body()).contains("data-field=\"username\">Username has already been taken")
                .contains("value=\"TakenWeb\"").doesNotContain("correct-horse-battery");
        assertThat(rows()).isEqualTo(before);
        Pages.of(r); // the re-rendered form can be posted again
    }

    @Test
    void validPostCreatesAnUnconfirmedUserAndMailsTheConfirmationLink() {
        Pages p = Pages.of(http.get("/auth/sign_up", null));
        ApiHarness.Response r = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("webuser")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("Check your inbox").contains("confirm the address").doesNotContain("moderator");
        assertThat(f.count("SELECT count(*) FROM users WHERE email = 'webuser@example.org' AND confirmed_at IS NULL"
                + " AND approved AND agreement_at IS NOT NULL")).isEqualTo(1);
        Mail mail = f.mailer.last("confirmation");
        assertThat(mail.to()).isEqualTo("webuser@example.org");
        assertThat(mail.model()).containsEntry("username", "webuser");
    }

    @Test
    void approvalModeAsksForAReasonAndSaysAModeratorWillReview() {
        f.settings.mode = Registrations.APPROVAL;
        ApiHarness.Response page = http.get("/auth/sign_up", null);
        assertThat(page.body()).contains("name=\"reason\"");
        Pages p = Pages.of(page);
        ApiHarness.Response noReason = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("pending")));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("Reason can&#39;t be blank");
        ApiHarness.Response r = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("pending") + "&reason=I+like+it"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("A moderator will then review your sign-up");
        assertThat(f.count("SELECT count(*) FROM users WHERE email = 'pending@example.org' AND NOT approved")).isEqualTo(1);
    }

    @Test
    void closedModeShowsRegistrationsAreClosedUnlessTheInviteIsValid() {
        f.settings.mode = Registrations.CLOSED;
        ApiHarness.Response closed = http.get("/auth/sign_up", null);
        assertThat(closed.status()).isEqualTo(403);
        assertThat(closed.body()).contains("Registrations are closed");
        f.exec("INSERT INTO invites (id, code, max_uses) VALUES (7001, 'FORMCODE', 1)");
        ApiHarness.Response page = http.get("/auth/sign_up?invite=FORMCODE", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"invite_code\" value=\"FORMCODE\"");
        Pages p = Pages.of(page);
        ApiHarness.Response r = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("invitedweb") + "&invite_code=FORMCODE"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(f.count("SELECT uses FROM invites WHERE id = 7001")).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM users WHERE invite_id = 7001")).isEqualTo(1);
        // used up now
        assertThat(http.get("/auth/sign_up?invite=FORMCODE", null).status()).isEqualTo(403);
        ApiHarness.Response again = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("second") + "&invite_code=FORMCODE"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).contains("Invite code has expired or was used up");
        ApiHarness.Response none = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("third")));
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.body()).contains("Registrations are closed");
    }

    @Test
    void moderationRejectionIsShownOnTheFormAndThrottlingAnswers429() {
        f.signUps.setModeration(subject -> Verdict.reject("Not from here, sorry"));
        Pages p = Pages.of(http.get("/auth/sign_up", null));
        ApiHarness.Response rejected = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("rejectedweb")));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.body()).contains("<p class=\"error\">Not from here, sorry</p>").contains("value=\"rejectedweb\"");
        assertThat(f.count("SELECT count(*) FROM users WHERE email = 'rejectedweb@example.org'")).isZero();
        f.signUps.setModeration(null);
        for (long i = 1; i < SignUpService.SIGNUPS_PER_ADDRESS; i++) {
            Pages.submit(http, "/auth/sign_up", p.cookie(), p.with("username=bad+name"));
        }
        ApiHarness.Response throttled = Pages.submit(http, "/auth/sign_up", p.cookie(), p.with(valid("toomany")));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(f.count("SELECT count(*) FROM users WHERE email = 'toomany@example.org'")).isZero();
    }
}
