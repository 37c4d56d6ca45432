package social.herd.oauth.impl;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import social.herd.api.auth.Role;
import social.herd.api.config.ServerSettings;
import social.herd.oauth.impl.apps.ApplicationService;
import social.herd.oauth.impl.apps.AppsResource;
import social.herd.oauth.impl.authorize.AuthorizationService;
import social.herd.oauth.impl.authorize.AuthorizeResource;
import social.herd.oauth.impl.authorize.CsrfTokens;
import social.herd.oauth.impl.token.AccessTokens;
import social.herd.oauth.impl.token.TokenResource;
import social.herd.oauth.impl.token.TokenService;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.platform.impl.migrate.MigrationScript;
import social.herd.testing.TestPostgres;
import social.herd.web.api.Json;
import social.herd.web.api.WebRequests;
import social.herd.web.impl.errors.ApiExceptionMapper;
import social.herd.web.impl.errors.JacksonExceptionMapper;
import social.herd.web.impl.errors.ThrowableMapper;
import social.herd.web.impl.errors.WebApplicationExceptionMapper;
import social.herd.web.impl.filters.ScopeFilter;
import social.herd.web.impl.filters.WebFilters;
import social.herd.web.impl.json.MastodonJsonProvider;

/**
 * The bundle wired as DS would wire it, on a fresh real PostgreSQL database migrated with this
 * bundle's own scripts by the platform's migration runner, behind the web bundle's real JSON
 * provider, exception mappers, authentication and scope filters.
 */
final class OAuthStack implements AutoCloseable {

    static final URI PUBLIC_URL = URI.create("https://social.example");

    final PooledDataSource dataSource;
    final TxDatabase db;
    final TestUsers users = new TestUsers();
    final TestKv kv = new TestKv();
    final ApplicationService apps;
    final AccessTokens tokens;
    final TokenService tokenService;
    final AuthorizationService authorization;
    final JerseyHarness http;
    /** The client address the web bundle's rate-limit filter would have determined. */
    volatile String clientAddress = "192.0.2.1";

    OAuthStack() {
        this(OAuthConfig.defaults());
    }

    OAuthStack(OAuthConfig config) {
        dataSource = new PooledDataSource(Map.of("url", TestPostgres.freshDatabase(), "user", "postgres", "pool_size", 4));
        new MigrationRunner(dataSource).migrate("social.herd.oauth", migrations());
        db = new TxDatabase(dataSource);
        TimeSortableIdGenerator ids = new TimeSortableIdGenerator();
        apps = new ApplicationService(db, ids, null);
        tokens = new AccessTokens(db, ids, users, config);
        tokenService = new TokenService(db, apps, users, tokens, kv, kv, config);
        authorization = new AuthorizationService(db, ids, apps, users, config);
        users.add(1, "alice", "correct horse battery staple", Role.USER);
        users.add(2, "bob", "hunter2-hunter2", Role.ADMIN);
        ContainerRequestFilter peer = new ClientAddressFilter(this);
        http = new JerseyHarness(
                new MastodonJsonProvider(),
                new ApiExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new JacksonExceptionMapper(),
                new ThrowableMapper(),
                peer,
                WebFilters.authentication(tokens),
                new ScopeFilter(),
                new AppsResource(apps),
                new TokenResource(tokenService),
                new AuthorizeResource(authorization, new CsrfTokens(db), settings()),
                new MetadataResource(settings()),
                new ScopedTestResource());
    }

    /** Sets the client address as the web bundle's pre-matching filter does. */
    @PreMatching
    static final class ClientAddressFilter implements ContainerRequestFilter {
        private final OAuthStack stack;

        ClientAddressFilter(OAuthStack stack) {
            this.stack = stack;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            request.setProperty(WebRequests.CLIENT_ADDRESS_PROPERTY, stack.clientAddress);
        }
    }

    /** This bundle's migrations, read from the build output (not the platform jar's folder of the same name). */
    static List<MigrationScript> migrations() {
        try {
            List<MigrationScript> scripts = new ArrayList<>();
            for (URL url : Collections.list(OAuthStack.class.getClassLoader().getResources("db/migration"))) {
                if (!url.getProtocol().equals("file")) continue;
                Path dir = Path.of(url.toURI());
                if (!Files.exists(dir.resolve("V1__oauth.sql"))) continue;
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        scripts.add(MigrationScript.of(f.getFileName().toString(), Files.readString(f)));
                    }
                }
            }
            if (scripts.isEmpty()) throw new AssertionError("no oauth migrations found");
            return scripts;
        } catch (java.io.IOException | URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static ServerSettings settings() {
        return new ServerSettings() {
            @Override public URI publicUrl() { return PUBLIC_URL; }
            @Override public String webDomain() { return "social.example"; }
            @Override public String localDomain() { return "social.example"; }
            @Override public Path dataDir() { return Path.of("target"); }
            @Override public Registrations registrations() { return Registrations.OPEN; }
            @Override public Role role() { return Role.ALL; }
            @Override public String version() { return "0.1.0"; }
        };
    }

    // ---- helpers shared by the tests ----

    static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (b.length() > 0) b.append('&');
            b.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    static JsonNode json(JerseyHarness.Response r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** A registered client. */
    record Client(String id, String clientId, String clientSecret) {}

    Client register(String scopes, String... redirectUris) {
        JerseyHarness.Response r = http.request("POST", "/api/v1/apps").form(form("client_name", "Test app",
                "redirect_uris", String.join("\n", redirectUris), "scopes", scopes)).send();
        if (r.status() != 200) throw new AssertionError("registration failed: " + r.status() + " " + r.body());
        JsonNode n = json(r);
        return new Client(n.get("id").asText(), n.get("client_id").asText(), n.get("client_secret").asText());
    }

    JerseyHarness.Response token(String... pairs) {
        return http.request("POST", "/oauth/token").form(form(pairs)).send();
    }

    /** A token for alice through the password grant. */
    String passwordToken(Client c, String scope) {
        JerseyHarness.Response r = token("grant_type", "password", "client_id", c.clientId(), "client_secret",
                c.clientSecret(), "username", "alice@example.com", "password", "correct horse battery staple",
                "scope", scope);
        if (r.status() != 200) throw new AssertionError("password grant failed: " + r.status() + " " + r.body());
        return json(r).get("access_token").asText();
    }

    String appToken(Client c, String scope) {
        JerseyHarness.Response r = token("grant_type", "client_credentials", "client_id", c.clientId(),
                "client_secret", c.clientSecret(), "scope", scope);
        if (r.status() != 200) throw new AssertionError("client_credentials failed: " + r.status() + " " + r.body());
        return json(r).get("access_token").asText();
    }

    /** The authorization form as a browser got it: its CSRF cookie and hidden token. */
    record Form(JerseyHarness.Response response, String cookie, String authenticityToken) {}

    Form authorizeForm(String query) {
        JerseyHarness.Response r = http.get("/oauth/authorize?" + query);
        if (r.status() != 200) throw new AssertionError("authorize page failed: " + r.status() + " " + r.body());
        String setCookie = r.header("Set-Cookie");
        java.util.regex.Matcher cookie = java.util.regex.Pattern.compile("herd_oauth_csrf=([^;]+)").matcher(setCookie);
        java.util.regex.Matcher token = java.util.regex.Pattern
                .compile("name=\"authenticity_token\" value=\"([^\"]+)\"").matcher(r.body());
        if (!cookie.find() || !token.find()) throw new AssertionError("no CSRF token in " + r.body());
        return new Form(r, cookie.group(1), token.group(1));
    }

    /** Posts the form back as a browser would, with the given extra fields. */
    JerseyHarness.Response submit(String query, Form f, String... fields) {
        StringBuilder body = new StringBuilder(query).append('&').append(form("authenticity_token", f.authenticityToken()));
        if (fields.length > 0) body.append('&').append(form(fields));
        return http.request("POST", "/oauth/authorize").header("Cookie", "herd_oauth_csrf=" + f.cookie())
                .form(body.toString()).send();
    }

    /** Signs alice in on the authorization page and answers the redirect's code. */
    String authorizationCode(String query) {
        JerseyHarness.Response r = submit(query, authorizeForm(query), "login", "alice@example.com", "password",
                "correct horse battery staple", "decision", "approve");
        if (r.status() != 302) throw new AssertionError("authorize failed: " + r.status() + " " + r.body());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]code=([^&]+)").matcher(r.header("Location"));
        if (!m.find()) throw new AssertionError("no code in " + r.header("Location"));
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    /** All values of the first column of {@code sql}. */
    List<String> query(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(sql, e);
        }
        return out;
    }

    @Override
    public void close() {
        http.close();
        dataSource.close();
    }
}
