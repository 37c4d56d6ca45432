package social.herd.itests.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * The web front's protections as a browser meets them, over plain HTTP: CSRF tokens on every
 * form, the session cookie's flags, sign-out ending the session, sign-in throttling, pages for
 * signed-in people and for staff only, private posts shown only to those allowed, and remote
 * interaction.
 */
class WebSecurityTest {

    static final Pattern TOKEN = Pattern.compile("name=\"authenticity_token\" value=\"([A-Za-z0-9_-]+)\"");

    static Peer herd;
    static Peer.User alice, bob;

    @BeforeAll
    static void start() {
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", TestPostgres.freshDatabase(), "HERD_DB_USER", "postgres");
        alice = herd.user("alice");
        bob = herd.user("bob");
        alice.status("for followers only, secret word marmalade", "private");
        alice.status("public hello", "public");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
    }

    /** A browser: keeps cookies, never follows redirects. */
    static final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(herd.apiBase + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(herd.apiBase + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String token(String page) throws Exception {
            Matcher m = TOKEN.matcher(get(page).body());
            assertThat(m.find()).as("a CSRF token on " + page).isTrue();
            return m.group(1);
        }

        HttpResponse<String> signIn(String login, String password) throws Exception {
            return post("/auth/sign_in", "authenticity_token=" + token("/auth/sign_in") + "&login=" + enc(login)
                    + "&password=" + enc(password));
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void everyFormRefusesAPostWithoutItsToken() throws Exception {
        Browser b = new Browser();
        b.get("/about");
        for (String[] form : List.of(new String[] {"/auth/sign_in", "login=alice&password=x"},
                new String[] {"/auth/sign_out", ""}, new String[] {"/settings/theme", "theme=dark"},
                new String[] {"/authorize_interaction", "uri=" + enc(herd.publicUrl + "/@alice") + "&acct=me%40elsewhere.example"})) {
            HttpResponse<String> none = b.post(form[0], form[1]);
            HttpResponse<String> forged = b.post(form[0], form[1] + "&authenticity_token=forgedforgedforgedforgedforgedforgedforged12");
            assertThat(none.statusCode()).as(form[0] + " without a token").isEqualTo(403);
            assertThat(forged.statusCode()).as(form[0] + " with a forged token").isEqualTo(403);
            assertThat(none.headers().firstValue("Set-Cookie").orElse("")).doesNotContain("herd_session=");
        }
        // A different browser's valid token does not help either.
        String other = new Browser().token("/about");
        assertThat(b.post("/settings/theme", "theme=dark&authenticity_token=" + other).statusCode()).isEqualTo(403);
    }

    @Test
    void signingInSetsAStrictSessionCookieAndSigningOutEndsTheSession() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> in = b.signIn("alice@example.com", alice.password);
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location").orElseThrow()).isEqualTo(herd.apiBase + "/home");
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("herd_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Max-Age=");
        String session = HttpCookie.parse(cookie).get(0).getValue();

        HttpResponse<String> home = b.get("/home");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<h1>Home</h1>");
        assertThat(home.headers().firstValue("Cache-Control").orElse("")).as("the page carries the token").isEqualTo("no-store");
        assertThat(b.get("/admin/dashboard").statusCode()).as("not staff").isEqualTo(403);

        assertThat(b.post("/auth/sign_out", "authenticity_token=" + b.token("/home")).statusCode()).isEqualTo(303);
        assertThat(b.get("/home").statusCode()).isEqualTo(303);
        assertThat(herd.http.get("/api/v1/accounts/verify_credentials", "Authorization", "Bearer " + session).status())
                .as("the session's token is revoked").isEqualTo(401);
    }

    @Test
    void signedOutVisitorsAreSentToSignInAndBack() throws Exception {
        HttpResponse<String> r = new Browser().get("/notifications");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).isEqualTo(herd.apiBase + "/auth/sign_in?return_to=%2Fnotifications");
        Browser b = new Browser();
        HttpResponse<String> in = b.post("/auth/sign_in", "authenticity_token=" + b.token("/auth/sign_in?return_to=%2Fnotifications")
                + "&login=bob&password=" + enc(bob.password) + "&return_to=%2Fnotifications");
        assertThat(in.headers().firstValue("Location").orElseThrow()).isEqualTo(herd.apiBase + "/notifications");
        HttpResponse<String> evil = b.post("/auth/sign_in", "authenticity_token=" + b.token("/auth/sign_in")
                + "&login=bob&password=" + enc(bob.password) + "&return_to=" + enc("//evil.example/x"));
        assertThat(evil.headers().firstValue("Location").orElseThrow()).as("never to another site").isEqualTo(herd.apiBase + "/home");
    }

    @Test
    void repeatedWrongPasswordsAreThrottled() throws Exception {
        Peer.User victim = herd.user("victim");
        Browser b = new Browser();
        int last = 0;
        for (int i = 0; i < 6; i++) last = b.signIn("victim", "wrong password " + i).statusCode();
        assertThat(last).isEqualTo(429);
        HttpResponse<String> right = b.signIn("victim", victim.password);
        assertThat(right.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(right.body()).contains("Too many attempts");
    }

    @Test
    void privatePostsShowOnlyToFollowers() throws Exception {
        assertThat(new Browser().get("/@alice").body()).contains("public hello").doesNotContain("marmalade");
        Browser b = new Browser();
        b.signIn("bob", bob.password);
        assertThat(b.get("/@alice").body()).as("bob does not follow alice yet").doesNotContain("marmalade");
        bob.followAndAwait(alice.id);
        String page = b.get("/@alice").body();
        assertThat(page).contains("marmalade").contains("aria-pressed=\"true\">Follow</button>");
        assertThat(new Browser().get("/@alice").body()).doesNotContain("marmalade");
    }

    @Test
    void remoteInteractionSendsSignedInPeopleToThePageAndOthersHome() throws Exception {
        Browser anonymous = new Browser();
        String target = herd.publicUrl + "/@alice";
        HttpResponse<String> form = anonymous.get("/authorize_interaction?uri=" + enc(target));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Your handle");
        HttpResponse<String> away = anonymous.post("/authorize_interaction", "authenticity_token=" + anonymous.token("/about")
                + "&uri=" + enc(target) + "&acct=" + enc("@me@mastodon.example"));
        assertThat(away.statusCode()).isEqualTo(303);
        assertThat(away.headers().firstValue("Location").orElseThrow())
                .isEqualTo("https://mastodon.example/authorize_interaction?uri=" + enc(target));

        Browser b = new Browser();
        b.signIn("bob", bob.password);
        HttpResponse<String> here = b.get("/authorize_interaction?uri=" + enc(target));
        assertThat(here.statusCode()).isEqualTo(303);
        assertThat(here.headers().firstValue("Location").orElseThrow()).isEqualTo(herd.apiBase + "/@alice");
        assertThat(b.get("/authorize_interaction?uri=" + enc(herd.publicUrl + "/users/alice")).headers().firstValue("Location")
                .orElseThrow()).isEqualTo(herd.apiBase + "/@alice");
        assertThat(b.get("/authorize_interaction?uri=javascript%3Aalert(1)").statusCode()).isEqualTo(422);
    }

    @Test
    void peopleSeeAndEndTheirOwnSessionsOnly() throws Exception {
        Peer.User carol = herd.user("carol");
        Browser b = new Browser();
        b.signIn("carol", carol.password);
        String page = b.get("/settings/sessions").body();
        assertThat(page).contains("Web browser <strong>(this browser)</strong>").contains("itest");
        Matcher app = Pattern.compile("<td>itest.*?/settings/sessions/([0-9]+)/revoke", Pattern.DOTALL).matcher(page);
        assertThat(app.find()).isTrue();
        String appToken = app.group(1);

        assertThat(b.post("/settings/sessions/" + appToken + "/revoke", "").statusCode()).as("without a token").isEqualTo(403);
        Browser mallory = new Browser();
        mallory.signIn("bob", bob.password);
        assertThat(mallory.post("/settings/sessions/" + appToken + "/revoke", "authenticity_token=" + mallory.token("/about"))
                .statusCode()).as("someone else's session").isEqualTo(404);
        assertThat(carol.get("/api/v1/accounts/verify_credentials").status()).isEqualTo(200);

        HttpResponse<String> ended = b.post("/settings/sessions/" + appToken + "/revoke", "authenticity_token=" + b.token("/about"));
        assertThat(ended.statusCode()).isEqualTo(303);
        assertThat(carol.get("/api/v1/accounts/verify_credentials").status()).as("the app is signed out").isEqualTo(401);
        assertThat(b.get("/settings/sessions").body()).doesNotContain("<td>itest");
    }
}
