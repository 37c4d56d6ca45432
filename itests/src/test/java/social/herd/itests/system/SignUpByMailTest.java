package social.herd.itests.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.herd.itests.Http;
import social.herd.testing.TestPostgres;

/**
 * Signing up the way a Mastodon app does it, with the mail really sent over SMTP (GreenMail) by the
 * running server: the confirmation link from the mail confirms the account, and a password reset
 * by mail ends the old sessions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignUpByMailTest {

    private static final Pattern LINK = Pattern.compile("(http://\\S+?(confirmation_token|reset_password_token)=[A-Za-z0-9_\\-]+)");
    private static GreenMail smtp;
    private static ServerProcess server;
    private static Http http;
    private static String clientId;
    private static String clientSecret;
    private static String firstToken;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(ServerProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        server = ServerProcess.copyOfRuntime()
                .env("HERD_DB_URL", TestPostgres.freshDatabase()).env("HERD_DB_USER", "postgres")
                .env("HERD_SMTP_HOST", "127.0.0.1").env("HERD_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()))
                .env("HERD_SMTP_TLS", "none").env("HERD_MAIL_FROM", "Herd <notifications@herd.test>");
        server.startAndAwaitReady(Duration.ofSeconds(90));
        http = server.http();
        JsonNode app = http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                "client_name=signup&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=read+write").json();
        clientId = app.get("client_id").asText();
        clientSecret = app.get("client_secret").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        smtp.stop();
    }

    @Test
    @Order(1)
    void signUpSendsAConfirmationMailWhoseLinkConfirms() throws Exception {
        String appToken = http.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&scope=read+write&" + client()).json().get("access_token").asText();
        Http.Reply signUp = http.send(HttpRequest.newBuilder(uri("/api/v1/accounts"))
                .header("Authorization", "Bearer " + appToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"dora\",\"email\":\"dora@example.com\",\"password\":\"correct horse battery\",\"agreement\":true,\"locale\":\"en\"}")));
        assertThat(signUp.status()).as(signUp.body()).isEqualTo(200);
        assertThat(signUp.json().get("access_token").asText()).isNotBlank();

        assertThat(login("dora@example.com", "correct horse battery").status()).as("unconfirmed").isNotEqualTo(200);
        String signUpToken = signUp.json().get("access_token").asText();
        Http.Reply early = me(signUpToken);
        assertThat(early.status()).isEqualTo(403);
        assertThat(early.json().get("error").asText()).isEqualTo("Your login is missing a confirmed e-mail address");
        awaitMail(1);
        Http.Reply resend = http.send(HttpRequest.newBuilder(uri("/api/v1/emails/confirmations"))
                .header("Authorization", "Bearer " + signUpToken).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(resend.status()).as("the sign-up token may resend the confirmation: %s", resend.body()).isEqualTo(200);

        MimeMessage mail = awaitMail(2);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("dora@example.com");
        String link = link(GreenMailUtil.getBody(mail));
        Http.Reply confirmed = http.get(link.replaceFirst("^http://[^/]+", ""));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(http.get(link.replaceFirst("^http://[^/]+", "")).status()).as("a used link").isNotEqualTo(200);

        Http.Reply token = login("dora@example.com", "correct horse battery");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        firstToken = token.json().get("access_token").asText();
        assertThat(me(firstToken).json().get("username").asText()).isEqualTo("dora");
    }

    @Test
    @Order(2)
    void passwordResetByMailEndsOldSessions() throws Exception {
        Http.Reply request = http.post("/auth/password", "application/x-www-form-urlencoded", "email=dora%40example.com");
        assertThat(request.status()).isEqualTo(200);
        Http.Reply unknown = http.post("/auth/password", "application/x-www-form-urlencoded", "email=nobody%40example.com");
        assertThat(unknown.status()).isEqualTo(request.status());
        assertThat(main(unknown.body())).as("the answer does not tell which addresses exist").isEqualTo(main(request.body()))
                .contains("Check your inbox");

        MimeMessage mail = awaitMail(3);
        String link = link(GreenMailUtil.getBody(mail));
        String token = link.substring(link.indexOf("reset_password_token=") + "reset_password_token=".length());
        Http.Reply reset = http.post("/auth/password/edit", "application/x-www-form-urlencoded",
                "reset_password_token=" + token + "&password=new+horse+battery+staple&password_confirmation=new+horse+battery+staple");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);

        assertThat(me(firstToken).status()).as("the old session ended").isEqualTo(401);
        assertThat(login("dora@example.com", "correct horse battery").status()).isNotEqualTo(200);
        assertThat(login("dora@example.com", "new horse battery staple").status()).isEqualTo(200);
        assertThat(ServerProcess.lines(server.log(), "level=ERROR")).isEmpty();
        assertThat(server.log()).doesNotContain("dora@example.com").doesNotContain(token);
    }

    private static MimeMessage awaitMail(int count) {
        assertThat(smtp.waitForIncomingEmail(30_000, count)).as("mail #%d arrives", count).isTrue();
        MimeMessage[] all = smtp.getReceivedMessages();
        return all[count - 1];
    }

    private static String link(String body) {
        Matcher m = LINK.matcher(body.replace("=\r\n", "").replace("=3D", "="));
        assertThat(m.find()).as("a link in:\n%s", body).isTrue();
        return m.group(1);
    }

    private static Http.Reply login(String email, String password) {
        return http.post("/oauth/token", "application/x-www-form-urlencoded", "grant_type=password&scope=read&" + client()
                + "&username=" + enc(email) + "&password=" + enc(password));
    }

    private static Http.Reply me(String token) {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/accounts/verify_credentials")).header("Authorization", "Bearer " + token).GET());
    }

    private static String client() {
        return "client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** What a page says, without its per-visitor parts (the form tokens of the site's footer). */
    private static String main(String html) {
        int start = html.indexOf("<main"), end = html.indexOf("</main>");
        return start < 0 || end < 0 ? html : html.substring(start, end);
    }
}
