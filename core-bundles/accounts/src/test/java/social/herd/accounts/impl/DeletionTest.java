package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.accounts.Users;
import social.herd.api.accounts.Users.LoginResult;
import social.herd.api.auth.Role;
import social.herd.web.testing.ApiHarness;

/** Self-serve deletion at {@code /auth/delete} and the purge after the grace period. */
class DeletionTest {

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

    private record Person(String password, long userId, long accountId) {}

    private static Person person(String username) {
        String password = f.admin.create(username, username + "@example.org", Role.USER, true);
        long userId = f.count("SELECT id FROM users WHERE email = '" + username + "@example.org'");
        return new Person(password, userId, f.count("SELECT account_id FROM users WHERE id = " + userId));
    }

    private static ApiHarness.Response delete(Pages p, String login, String password, String confirm) {
        return Pages.submit(http, "/auth/delete", p.cookie(), p.with("login=" + login + "&password=" + password
                + "&confirm_username=" + confirm));
    }

    @Test
    void wrongPasswordOrConfirmationIsRefusedAndChangesNothing() {
        Person p = person("keeper");
        ApiHarness.Response page = http.get("/auth/delete", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"password\"").contains("name=\"confirm_username\"");
        Pages form = Pages.of(page);
        ApiHarness.Response wrong = delete(form, "keeper", "not-the-password", "keeper");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("Invalid e-mail address, username or password").contains("value=\"keeper\"");
        ApiHarness.Response mismatch = delete(form, "keeper%40example.org", p.password(), "someone");
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.body()).contains("does not match");
        ApiHarness.Response forged = Pages.submit(http, "/auth/delete", null, form.with("login=keeper&password=" + p.password()
                + "&confirm_username=keeper"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(f.count("SELECT count(*) FROM users WHERE id = " + p.userId() + " AND deleted_at IS NULL AND NOT disabled"))
                .isEqualTo(1);
        assertThat(f.users.login("keeper", p.password(), "10.2.0.1")).isInstanceOf(LoginResult.Success.class);
        assertThat(f.sessions.revoked).doesNotContain(p.userId());
    }

    @Test
    void repeatedWrongPasswordsAreThrottledLikeSignIn() {
        Person p = person("guessed");
        Pages form = Pages.of(http.get("/auth/delete", null));
        for (int i = 0; i < 5; i++) assertThat(delete(form, "guessed", "wrong-" + i, "guessed").status()).isEqualTo(422);
        ApiHarness.Response locked = delete(form, "guessed", p.password(), "guessed");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(f.count("SELECT count(*) FROM users WHERE id = " + p.userId() + " AND deleted_at IS NULL")).isEqualTo(1);
    }

    @Test
    void deletionHidesTheAccountEndsSessionsAndTheGracePeriodEndsInThePurge() {
        Person leaver = person("leaver");
        Person friend = person("friend");
        f.relationships.follow(leaver.accountId(), friend.accountId(), new RelationshipService.FollowOptions(null, null, null));
        f.relationships.follow(friend.accountId(), leaver.accountId(), new RelationshipService.FollowOptions(null, null, null));
        f.relationships.note(friend.accountId(), leaver.accountId(), "met at the fair");
        f.relationships.block(leaver.accountId(), f.count("SELECT account_id FROM users WHERE id = " + person("blocked").userId()));
        assertThat(f.count("SELECT followers_count + following_count FROM accounts WHERE id = " + friend.accountId())).isEqualTo(2);
        assertThat(http.get("/api/v1/accounts/" + leaver.accountId(), null).status()).isEqualTo(200);

        Pages form = Pages.of(http.get("/auth/delete", null));
        Instant before = Instant.now();
        ApiHarness.Response done = delete(form, "leaver%40example.org", leaver.password(), "Leaver");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Your account will be deleted on ");
        assertThat(f.users.login("leaver", leaver.password(), "10.2.0.2"))
                .isEqualTo(new LoginResult.Refused(Users.Reason.SUSPENDED));
        assertThat(f.users.byId(leaver.userId()).orElseThrow().active()).isFalse();
        assertThat(http.get("/api/v1/accounts/" + leaver.accountId(), null).status()).isEqualTo(404);
        assertThat(f.sessions.revoked).contains(leaver.userId());
        long days = f.count("SELECT round(extract(epoch FROM delete_after - deleted_at) / 86400) FROM users WHERE id = "
                + leaver.userId());
        assertThat(days).isEqualTo(AccountDeletion.GRACE_PERIOD.toDays());
        assertThat(f.count("SELECT count(*) FROM users WHERE id = " + leaver.userId() + " AND disabled AND deleted_at >= '"
                + before.minus(Duration.ofSeconds(5)) + "'")).isEqualTo(1);
        // asking again does nothing more
        assertThat(delete(form, "leaver", leaver.password(), "leaver").status()).isEqualTo(403);

        // not yet due: the purge leaves everything
        f.purge.run();
        assertThat(f.count("SELECT count(*) FROM accounts WHERE id = " + leaver.accountId())).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM follows WHERE account_id = " + leaver.accountId())).isEqualTo(1);

        f.exec("UPDATE users SET delete_after = now() - interval '1 minute' WHERE id = " + leaver.userId());
        f.purge.run();
        assertThat(f.count("SELECT count(*) FROM accounts WHERE id = " + leaver.accountId())).isZero();
        assertThat(f.count("SELECT count(*) FROM users WHERE id = " + leaver.userId())).isZero();
        String either = " WHERE account_id = " + leaver.accountId() + " OR target_account_id = " + leaver.accountId();
        assertThat(f.count("SELECT (SELECT count(*) FROM follows" + either + ") + (SELECT count(*) FROM blocks" + either
                + ") + (SELECT count(*) FROM account_notes" + either + ") + (SELECT count(*) FROM follow_requests" + either
                + ") + (SELECT count(*) FROM mutes" + either + ")")).isZero();
        assertThat(f.count("SELECT followers_count + following_count FROM accounts WHERE id = " + friend.accountId())).isZero();
        // others are untouched
        assertThat(f.users.login("friend", friend.password(), "10.2.0.3")).isInstanceOf(LoginResult.Success.class);
        assertThat(f.purge.interval()).isEqualTo(Duration.ofHours(1));
    }
}
