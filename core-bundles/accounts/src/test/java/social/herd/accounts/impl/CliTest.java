package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.accounts.impl.cli.AccountsCommand;
import social.herd.api.accounts.Users.LoginResult;
import social.herd.api.accounts.Users.Reason;
import social.herd.api.auth.Role;

/** {@code herd accounts ...} */
class CliTest {

    @TempDir
    static Path data;
    static Fixture f;
    static AccountsCommand cli;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        cli = new AccountsCommand(f.admin);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    record Run(int code, List<String> out, List<String> err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private static String password(Run r) {
        String last = r.out().get(r.out().size() - 1);
        assertThat(last).startsWith("New password: ");
        return last.substring("New password: ".length());
    }

    @Test
    void createPrintsAStrongPasswordLastThatLogsIn() {
        Run r = run("create", "admin", "--email", "owner@example.org", "--role", "owner", "--confirmed");
        assertThat(r.code()).as(r.err().toString()).isZero();
        String password = password(r);
        assertThat(password).hasSize(24).matches("[A-Za-z0-9]+");
        LoginResult login = f.users.login("admin", password, "10.9.0.1");
        assertThat(login).isInstanceOf(LoginResult.Success.class);
        assertThat(((LoginResult.Success) login).user().role()).isEqualTo(Role.OWNER);
        assertThat(f.count("SELECT count(*) FROM users WHERE email = 'owner@example.org' AND confirmed_at IS NOT NULL AND approved"))
                .isEqualTo(1);
    }

    @Test
    void unconfirmedCreateSendsAConfirmationMail() {
        Run r = run("create", "newbie", "--email", "newbie@example.org");
        assertThat(r.code()).isZero();
        assertThat(f.mailer.last("confirmation").model()).containsEntry("username", "newbie");
        assertThat(f.users.login("newbie", password(r), "10.9.0.2")).isEqualTo(new LoginResult.Refused(Reason.UNCONFIRMED));
    }

    @Test
    void errorsAreOneLineWithExitCodes() {
        assertThat(run("create", "dupe", "--email", "dupe@example.org", "--confirmed").code()).isZero();
        Run taken = run("create", "DUPE", "--email", "other@example.org");
        assertThat(taken.code()).isEqualTo(1);
        assertThat(taken.err()).containsExactly("herd accounts: username is already taken");
        Run emailTaken = run("create", "dupe2", "--email", "DUPE@example.org");
        assertThat(emailTaken.err()).containsExactly("herd accounts: e-mail address is already taken");
        Run bad = run("create", "bad name", "--email", "x@example.org");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).containsExactly("herd accounts: username must contain only letters, numbers and underscores");
        Run noEmail = run("create", "someone");
        assertThat(noEmail.code()).isEqualTo(2);
        assertThat(noEmail.err().get(0)).isEqualTo("herd accounts: missing --email");
        assertThat(run("create", "x", "--email", "x@example.org", "--role", "king").code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
        Run missing = run("approve", "nobody");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).containsExactly("herd accounts: no local account named nobody");
    }

    @Test
    void resetPasswordApproveAndSuspend() {
        String first = password(run("create", "mod", "--email", "mod@example.org", "--confirmed"));
        Run reset = run("modify", "mod", "--reset-password");
        assertThat(reset.code()).isZero();
        String second = password(reset);
        assertThat(second).isNotEqualTo(first);
        assertThat(f.users.login("mod", first, "10.9.1.1")).isEqualTo(new LoginResult.Refused(Reason.INVALID_CREDENTIALS));
        assertThat(f.users.login("mod", second, "10.9.1.2")).isInstanceOf(LoginResult.Success.class);
        long id = f.count("SELECT id FROM users WHERE email = 'mod@example.org'");
        assertThat(f.sessions.revoked).contains(id);

        f.exec("UPDATE users SET approved = false WHERE id = " + id);
        assertThat(run("approve", "mod").code()).isZero();
        assertThat(f.mailer.last("approved").to()).isEqualTo("mod@example.org");
        assertThat(run("approve", "mod").code()).isEqualTo(1);

        assertThat(run("suspend", "mod").code()).isZero();
        assertThat(f.users.login("mod", second, "10.9.1.3")).isEqualTo(new LoginResult.Refused(Reason.SUSPENDED));
        assertThat(f.users.byId(id).orElseThrow().active()).isFalse();
    }

    @Test
    void rejectMailsThePendingPersonAndDeletesUserAndAccount() {
        password(run("create", "hopeful", "--email", "hopeful@example.org", "--confirmed"));
        long accountId = f.count("SELECT account_id FROM users WHERE email = 'hopeful@example.org'");
        Run approved = run("reject", "hopeful");
        assertThat(approved.code()).isEqualTo(1);
        assertThat(approved.err()).containsExactly("herd accounts: account is not awaiting approval");

        f.exec("UPDATE users SET approved = false WHERE account_id = " + accountId);
        long before = f.mailer.count("rejected");
        Run r = run("reject", "Hopeful");
        assertThat(r.code()).as(r.err().toString()).isZero();
        assertThat(f.mailer.count("rejected")).isEqualTo(before + 1);
        assertThat(f.mailer.last("rejected").to()).isEqualTo("hopeful@example.org");
        assertThat(f.mailer.last("rejected").model()).containsEntry("username", "hopeful");
        assertThat(f.count("SELECT count(*) FROM accounts WHERE id = " + accountId)).isZero();
        assertThat(f.count("SELECT count(*) FROM users WHERE account_id = " + accountId)).isZero();
        assertThat(run("reject", "hopeful").err()).containsExactly("herd accounts: no local account named hopeful");
    }
}
