package social.herd.oauth.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.oauth.impl.OAuthStack.form;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The authorization page: rendering, CSRF, sign-in, redirects and refusals. */
class AuthorizeTest {

    private static final String CALLBACK = "https://app.example/callback?source=herd";

    private static OAuthStack stack;
    private static OAuthStack.Client client;
    private static String query;

    @BeforeAll
    static void start() {
        stack = new OAuthStack();
        JerseyHarness.Response r = stack.http.request("POST", "/api/v1/apps").form(form("client_name",
                "<script>alert('x')</script> & co", "redirect_uris", CALLBACK + "\nurn:ietf:wg:oauth:2.0:oob",
                "scopes", "read write")).send();
        var n = OAuthStack.json(r);
        client = new OAuthStack.Client(n.get("id").asText(), n.get("client_id").asText(), n.get("client_secret").asText());
        query = form("response_type", "code", "client_id", client.clientId(), "redirect_uri", CALLBACK,
                "scope", "read write", "state", "st<\"ate>");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void rendersAnEscapedFormWithTheScopesAndACsrfCookie() {
        OAuthStack.Form f = stack.authorizeForm(query + "&lang=de");
        String html = f.response().body();

        assertThat(f.response().header("Content-Type")).startsWith("text/html");
        assertThat(f.response().header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(f.response().header("Cache-Control")).isEqualTo("no-store");
        assertThat(f.response().header("Set-Cookie")).contains("HttpOnly").contains("Secure").contains("SameSite=Lax");
        assertThat(html).contains("<html lang=\"de\">")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                .doesNotContain("<script>")
                .contains("<code>read</code>", "<code>write</code>")
                .contains("value=\"st&lt;&quot;ate&gt;\"")
                .contains("name=\"password\"", "name=\"login\"");
    }

    @Test
    void correctLoginRedirectsWithCodeAndState() {
        OAuthStack.Form f = stack.authorizeForm(query);
        JerseyHarness.Response r = stack.submit(query, f, "login", "alice", "password", "correct horse battery staple",
                "decision", "approve");

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).startsWith(CALLBACK + "&code=").endsWith("&state=st%3C%22ate%3E");
        assertThat(stack.query("SELECT user_id || ' ' || scopes FROM oauth_access_grants")).contains("1 read write");
    }

    @Test
    void wrongOrMissingCsrfTokenOrCookieIsRefused() {
        OAuthStack.Form f = stack.authorizeForm(query);
        String[] login = {"login", "alice", "password", "correct horse battery staple", "decision", "approve"};
        int loginsBefore = stack.users.logins.get();

        OAuthStack.Form forged = new OAuthStack.Form(f.response(), f.cookie(), f.authenticityToken() + "x");
        assertThat(stack.submit(query, forged, login).status()).isEqualTo(403);
        OAuthStack.Form otherBrowser = new OAuthStack.Form(f.response(), "another-browsers-nonce-0123456789abcdef", f.authenticityToken());
        assertThat(stack.submit(query, otherBrowser, login).status()).isEqualTo(403);
        // a token issued for one request does not cover changed hidden fields (here the scopes)
        String escalated = query.replace("scope=read+write", "scope=write");
        JerseyHarness.Response changed = stack.submit(escalated, f, login);
        assertThat(changed.status()).isEqualTo(403);
        JerseyHarness.Response noCookie = stack.http.request("POST", "/oauth/authorize")
                .form(query + "&" + form("authenticity_token", f.authenticityToken(), "login", "alice", "password",
                        "correct horse battery staple")).send();
        assertThat(noCookie.status()).isEqualTo(403);
        // refused before the credentials were even checked
        assertThat(stack.users.logins.get()).isEqualTo(loginsBefore);
    }

    @Test
    void wrongPasswordShowsTheFormAgain() {
        JerseyHarness.Response r = stack.submit(query, stack.authorizeForm(query), "login", "alice", "password", "nope",
                "decision", "approve");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("Invalid e-mail address or password.").contains("name=\"authenticity_token\"");
    }

    @Test
    void denyRedirectsWithAccessDenied() {
        JerseyHarness.Response r = stack.submit(query, stack.authorizeForm(query), "decision", "deny");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).startsWith(CALLBACK + "&error=access_denied").endsWith("&state=st%3C%22ate%3E");
    }

    @Test
    void outOfBandShowsTheCode() {
        String oob = form("response_type", "code", "client_id", client.clientId(), "redirect_uri",
                "urn:ietf:wg:oauth:2.0:oob", "scope", "read");
        JerseyHarness.Response r = stack.submit(oob, stack.authorizeForm(oob), "login", "alice@example.com", "password",
                "correct horse battery staple", "decision", "approve");
        assertThat(r.status()).isEqualTo(200);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<code id=\"code\">([^<]+)</code>").matcher(r.body());
        assertThat(m.find()).isTrue();
        JerseyHarness.Response token = stack.token("grant_type", "authorization_code", "client_id", client.clientId(),
                "client_secret", client.clientSecret(), "code", m.group(1), "redirect_uri", "urn:ietf:wg:oauth:2.0:oob");
        assertThat(token.status()).isEqualTo(200);
    }

    @Test
    void unknownClientOrUnregisteredRedirectUriShowsAnErrorPageAndNeverRedirects() {
        JerseyHarness.Response unknown = stack.http.get("/oauth/authorize?" + form("response_type", "code",
                "client_id", "nobody", "redirect_uri", CALLBACK));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Location")).isNull();
        assertThat(unknown.body()).contains("The client application is unknown.");

        JerseyHarness.Response evil = stack.http.get("/oauth/authorize?" + form("response_type", "code",
                "client_id", client.clientId(), "redirect_uri", "https://evil.example/steal"));
        assertThat(evil.status()).isEqualTo(400);
        assertThat(evil.header("Location")).isNull();
        assertThat(evil.body()).contains("not registered").doesNotContain("evil.example");
    }

    @Test
    void badScopeOrResponseTypeIsReportedToTheRegisteredRedirectUri() {
        JerseyHarness.Response scope = stack.http.get("/oauth/authorize?" + form("response_type", "code",
                "client_id", client.clientId(), "redirect_uri", CALLBACK, "scope", "admin:write", "state", "s1"));
        assertThat(scope.status()).isEqualTo(302);
        assertThat(scope.header("Location")).startsWith(CALLBACK + "&error=invalid_scope").endsWith("&state=s1");

        JerseyHarness.Response type = stack.http.get("/oauth/authorize?" + form("response_type", "token",
                "client_id", client.clientId(), "redirect_uri", CALLBACK));
        assertThat(type.header("Location")).startsWith(CALLBACK + "&error=unsupported_response_type");

        JerseyHarness.Response pkce = stack.http.get("/oauth/authorize?" + form("response_type", "code",
                "client_id", client.clientId(), "redirect_uri", CALLBACK, "code_challenge", "x".repeat(43),
                "code_challenge_method", "S512"));
        assertThat(pkce.header("Location")).startsWith(CALLBACK + "&error=invalid_request");
    }
}
