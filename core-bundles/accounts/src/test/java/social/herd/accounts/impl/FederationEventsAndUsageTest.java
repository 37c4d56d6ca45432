package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.accounts.impl.Remote.events;
import static social.herd.accounts.impl.RemoteAccountsTest.ok;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.accounts.Users;
import social.herd.api.accounts.Users.LoginResult;
import social.herd.api.auth.Role;
import social.herd.api.events.EventTypes;
import social.herd.web.testing.ApiHarness;

/**
 * The events local actions publish so that federation can tell other servers (unblock, reject,
 * profile update, deletion), and the user figures of {@link Users#usage()}. Own database, so the
 * usage figures are exact.
 */
class FederationEventsAndUsageTest {

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

    private record Person(String token, long accountId, long userId, String password) {}

    private static Person person(String username) {
        String password = f.admin.create(username, username + "@example.org", Role.USER, true);
        long userId = f.count("SELECT id FROM users WHERE email = '" + username + "@example.org'");
        long accountId = f.count("SELECT account_id FROM users WHERE id = " + userId);
        return new Person("user:" + userId + ":" + accountId, accountId, userId, password);
    }

    @Test
    void unblockPublishesOnlyWhenABlockWasRemoved() {
        Person a = person("unblocker");
        Person b = person("unblocked");
        ok(http.form("POST", "/api/v1/accounts/" + b.accountId() + "/unblock", a.token(), ""));
        assertThat(events(f, EventTypes.ACCOUNT_UNBLOCKED, a.accountId(), b.accountId())).isZero();
        ok(http.form("POST", "/api/v1/accounts/" + b.accountId() + "/block", a.token(), ""));
        ok(http.form("POST", "/api/v1/accounts/" + b.accountId() + "/unblock", a.token(), ""));
        ok(http.form("POST", "/api/v1/accounts/" + b.accountId() + "/unblock", a.token(), ""));
        assertThat(events(f, EventTypes.ACCOUNT_UNBLOCKED, a.accountId(), b.accountId())).isEqualTo(1);
    }

    @Test
    void rejectingALocalRequestPublishesRejectedAndUnfollowed() {
        Person asker = person("asker");
        Person locked = person("lockedone");
        f.exec("UPDATE accounts SET locked = true WHERE id = " + locked.accountId());
        ok(http.form("POST", "/api/v1/accounts/" + locked.accountId() + "/follow", asker.token(), ""));
        ok(http.form("POST", "/api/v1/follow_requests/" + asker.accountId() + "/reject", locked.token(), ""));
        assertThat(events(f, EventTypes.FOLLOW_REJECTED, asker.accountId(), locked.accountId())).isEqualTo(1);
        // the follow request notification goes on this
        assertThat(events(f, EventTypes.ACCOUNT_UNFOLLOWED, asker.accountId(), locked.accountId())).isEqualTo(1);
    }

    @Test
    void aProfileUpdatePublishesAccountUpdatedButPostingDefaultsDoNot() {
        Person p = person("profiler");
        ok(http.form("PATCH", "/api/v1/accounts/update_credentials", p.token(), "source%5Bprivacy%5D=unlisted"));
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, p.accountId())).isZero();
        ok(http.form("PATCH", "/api/v1/accounts/update_credentials", p.token(), "display_name=New+name"));
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, p.accountId())).isEqualTo(1);
        ok(http.form("PATCH", "/api/v1/accounts/update_credentials", p.token(), "display_name=New+name"));
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, p.accountId())).as("nothing changed").isEqualTo(1);
        ok(http.form("PATCH", "/api/v1/accounts/update_credentials", p.token(), "locked=true"));
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, p.accountId())).isEqualTo(2);
    }

    @Test
    void deletionPublishesAccountDeletedOnce() {
        Person p = person("leaving");
        assertThat(f.deletion.request("leaving", p.password(), "leaving", "10.9.0.1").status())
                .isEqualTo(AccountDeletion.Status.SCHEDULED);
        assertThat(f.deletion.request("leaving", p.password(), "leaving", "10.9.0.1").status())
                .isNotEqualTo(AccountDeletion.Status.SCHEDULED);
        assertThat(events(f, EventTypes.ACCOUNT_DELETED, p.accountId())).isEqualTo(1);
    }

    @Test
    void usageCountsUsableUsersAndThoseActiveLately() {
        Users.Usage before = f.users.usage();
        Person signedIn = person("signedin");
        Person poster = person("poster");
        Person oldie = person("oldie");
        Person idle = person("idle");
        Person pending = person("pending");
        Person disabled = person("disabled");
        f.exec("UPDATE users SET approved = false WHERE id = " + pending.userId());
        f.exec("UPDATE users SET disabled = true WHERE id = " + disabled.userId());
        f.limiter.reset();
        assertThat(f.users.login("signedin", signedIn.password(), "10.8.0.1")).isInstanceOf(LoginResult.Success.class);
        f.exec("UPDATE accounts SET last_status_at = now() - interval '2 days' WHERE id = " + poster.accountId());
        f.exec("UPDATE users SET last_sign_in_at = now() - interval '90 days' WHERE id = " + oldie.userId());
        f.exec("UPDATE users SET last_sign_in_at = now() - interval '200 days' WHERE id = " + idle.userId());
        // a remote account is no user
        f.remoteAccounts.upsert(Remote.actor("someone", "usage.example"));

        Users.Usage after = f.users.usage();
        assertThat(after.total() - before.total()).isEqualTo(4);
        assertThat(after.activeMonth() - before.activeMonth()).isEqualTo(2);
        assertThat(after.activeHalfyear() - before.activeHalfyear()).isEqualTo(3);
        assertThat(f.count("SELECT count(*) FROM users WHERE last_sign_in_at > now() - interval '1 minute' AND id = "
                + signedIn.userId())).isEqualTo(1);
        assertThat(idle.accountId()).isPositive();
    }
}
