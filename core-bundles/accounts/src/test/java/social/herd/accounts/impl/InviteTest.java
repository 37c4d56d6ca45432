package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.accounts.impl.cli.AccountsCommand;
import social.herd.api.config.ServerSettings.Registrations;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/** {@code herd accounts invite}, invite links, and signing up with an invite. */
class InviteTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;
    static AccountsCommand cli;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        http = Api.harness(f);
        cli = new AccountsCommand(f.admin);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void reset() {
        f.settings.mode = Registrations.CLOSED;
        f.limiter.reset();
    }

    /** Runs the CLI; answers the invite code from the link on the last line. */
    private static String invite(String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("invite"));
        args.addAll(List.of(options));
        int code = cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).matches("https://social\\.example/invite/[A-Za-z0-9]{12}");
        return last.substring(last.lastIndexOf('/') + 1);
    }

    private static ApiHarness.Response signUp(String username, String code) {
        return http.form("POST", "/api/v1/accounts", "app", "username=" + username + "&email=" + username
                + "%40example.org&password=correct-horse-battery&agreement=true&locale=en&invite_code=" + code);
    }

    @Test
    void cliPrintsTheLinkLastAndStoresTheLimits() {
        String code = invite("--max-uses", "3", "--expires-in-days", "7");
        assertThat(f.count("SELECT count(*) FROM invites WHERE code = '" + code + "' AND max_uses = 3 AND uses = 0"
                + " AND expires_at BETWEEN now() + interval '6 days 23 hours' AND now() + interval '7 days 1 hour'"))
                .isEqualTo(1);
        String unlimited = invite();
        assertThat(f.count("SELECT count(*) FROM invites WHERE code = '" + unlimited + "' AND max_uses IS NULL AND expires_at IS NULL"))
                .isEqualTo(1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(cli.run(List.of("invite", "--max-uses", "0"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("herd accounts: --max-uses must be a whole number of at least 1");
    }

    @Test
    void linkRedirectsToTheSignUpFormOrSaysTheInviteExpired() {
        String code = invite("--max-uses", "1");
        ApiHarness.Response r = http.get("/invite/" + code, null);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.headers().get("location")).isEqualTo("https://social.example/auth/sign_up?invite=" + code);
        f.exec("UPDATE invites SET expires_at = now() - interval '1 minute' WHERE code = '" + code + "'");
        ApiHarness.Response expired = http.get("/invite/" + code, null);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("This invite has expired");
        assertThat(http.get("/invite/NOSUCHCODE", null).status()).isEqualTo(404);
    }

    @Test
    void closedModeSignUpWithAnInviteWorksAndCountsUsesUntilUsedUp() throws Exception {
        String code = invite("--max-uses", "2");
        assertThat(signUp("first", code).status()).isEqualTo(200);
        assertThat(f.count("SELECT uses FROM invites WHERE code = '" + code + "'")).isEqualTo(1);
        assertThat(signUp("second", code).status()).isEqualTo(200);
        assertThat(f.count("SELECT uses FROM invites WHERE code = '" + code + "'")).isEqualTo(2);
        assertThat(f.count("SELECT count(*) FROM users u JOIN invites i ON i.id = u.invite_id WHERE i.code = '" + code
                + "' AND u.approved")).isEqualTo(2);

        ApiHarness.Response usedUp = signUp("third", code);
        assertThat(usedUp.status()).isEqualTo(422);
        JsonNode body = Json.mapper().readTree(usedUp.body());
        assertThat(body.get("error").asText()).isEqualTo("Validation failed: Invite code has expired or was used up");
        assertThat(body.at("/details/invite_code/0/error").asText()).isEqualTo("ERR_INVALID");
        assertThat(f.count("SELECT count(*) FROM users WHERE email = 'third@example.org'")).isZero();
        // a link that stopped working is 410 too
        assertThat(http.get("/invite/" + code, null).status()).isEqualTo(410);
    }

    @Test
    void expiredAndUnknownInvitesAreClear422sEvenWhenOpen() throws Exception {
        String code = invite("--expires-in-days", "1");
        f.exec("UPDATE invites SET expires_at = now() - interval '1 second' WHERE code = '" + code + "'");
        ApiHarness.Response expired = signUp("late", code);
        assertThat(expired.status()).isEqualTo(422);
        assertThat(Json.mapper().readTree(expired.body()).get("error").asText())
                .isEqualTo("Validation failed: Invite code has expired or was used up");
        assertThat(f.count("SELECT uses FROM invites WHERE code = '" + code + "'")).isZero();
        f.settings.mode = Registrations.OPEN;
        ApiHarness.Response unknown = signUp("unknown", "NOPE");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(Json.mapper().readTree(unknown.body()).get("error").asText()).isEqualTo("Validation failed: Invite code is invalid");
        assertThat(f.count("SELECT count(*) FROM users WHERE email IN ('late@example.org', 'unknown@example.org')")).isZero();
    }
}
