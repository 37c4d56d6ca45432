package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.auth.Role;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/** verify_credentials, update_credentials (form, JSON, multipart), account look-ups and preferences. */
class ProfileTest {

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

    /** A confirmed user's token, {@code user:<userId>:<accountId>}. */
    private static String user(String username) {
        return f.userToken(username);
    }

    private static String accountId(String token) {
        return token.split(":")[2];
    }

    private static JsonNode json(ApiHarness.Response r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void verifyCredentialsAnswersACredentialAccount() throws Exception {
        String token = user("vera");
        ApiHarness.Response r = http.get("/api/v1/accounts/verify_credentials", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode a = json(r);
        assertThat(a.get("id").isTextual()).isTrue();
        assertThat(a.get("id").asText()).isEqualTo(accountId(token));
        assertThat(a.get("username").asText()).isEqualTo("vera");
        assertThat(a.get("acct").asText()).isEqualTo("vera");
        assertThat(a.get("display_name").asText()).isEmpty();
        assertThat(a.get("group").asBoolean()).isFalse();
        assertThat(a.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT00:00:00\\.000Z");
        assertThat(a.get("url").asText()).isEqualTo("https://social.example/@vera");
        assertThat(a.get("uri").asText()).isEqualTo("https://social.example/users/vera");
        assertThat(a.get("avatar").asText()).isEqualTo("https://social.example/avatars/original/missing.png");
        assertThat(a.get("header_static").asText()).isEqualTo("https://social.example/headers/original/missing.png");
        assertThat(a.get("followers_count").asInt()).isZero();
        assertThat(a.has("last_status_at") && a.get("last_status_at").isNull()).isTrue();
        assertThat(a.get("emojis").isArray()).isTrue();
        assertThat(a.get("fields").isArray()).isTrue();
        assertThat(a.at("/source/privacy").asText()).isEqualTo("public");
        assertThat(a.at("/source/note").asText()).isEmpty();
        assertThat(a.at("/source/follow_requests_count").asInt()).isZero();
        assertThat(a.at("/role/name").asText()).isEmpty();
        assertThat(a.has("account")).isFalse();

        assertThat(http.get("/api/v1/accounts/verify_credentials", null).status()).isEqualTo(401);
        ApiHarness.Response app = http.get("/api/v1/accounts/verify_credentials", "app");
        assertThat(app.status()).isEqualTo(422);
        assertThat(app.body()).isEqualTo("{\"error\":\"This method requires an authenticated user\"}");
    }

    @Test
    void unconfirmedUsersAreToldWhyTheirTokenCannotActYet() {
        f.admin.create("pending", "pending@example.org", Role.USER, false);
        long userId = f.count("SELECT id FROM users WHERE email = 'pending@example.org'");
        long accountId = f.count("SELECT account_id FROM users WHERE id = " + userId);
        ApiHarness.Response r = http.get("/api/v1/accounts/verify_credentials", "user:" + userId + ":" + accountId);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"error\":\"Your login is missing a confirmed e-mail address\"}");
    }

    @Test
    void updateCredentialsByFormRendersSafeHtmlAndKeepsTheSource() throws Exception {
        String token = user("writer");
        String note = "Hello <script>alert(1)</script> & friends\nsee https://example.org/a?b=1&c=2.\n\nSecond paragraph";
        ApiHarness.Response r = http.form("PATCH", "/api/v1/accounts/update_credentials", token,
                "display_name=Writer+%F0%9F%90%91&note=" + java.net.URLEncoder.encode(note, StandardCharsets.UTF_8)
                        + "&locked=1&bot=true&discoverable=on&indexable=false"
                        + "&fields_attributes%5B0%5D%5Bname%5D=Site&fields_attributes%5B0%5D%5Bvalue%5D=https%3A%2F%2Fwriter.example"
                        + "&fields_attributes%5B1%5D%5Bname%5D=Pronouns&fields_attributes%5B1%5D%5Bvalue%5D=they%2Fthem"
                        + "&source%5Bprivacy%5D=unlisted&source%5Bsensitive%5D=true&source%5Blanguage%5D=fr");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode a = json(r);
        assertThat(a.get("display_name").asText()).isEqualTo("Writer \uD83D\uDC11");
        assertThat(a.get("note").asText()).isEqualTo("<p>Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; friends<br />see "
                + "<a href=\"https://example.org/a?b=1&amp;c=2\" target=\"_blank\" rel=\"nofollow noopener noreferrer\">"
                + "example.org/a?b=1&amp;c=2</a>.</p><p>Second paragraph</p>");
        assertThat(a.at("/source/note").asText()).isEqualTo(note);
        assertThat(a.get("locked").asBoolean()).isTrue();
        assertThat(a.get("bot").asBoolean()).isTrue();
        assertThat(a.get("discoverable").asBoolean()).isTrue();
        assertThat(a.get("indexable").asBoolean()).isFalse();
        assertThat(a.at("/fields/0/name").asText()).isEqualTo("Site");
        assertThat(a.at("/fields/0/value").asText()).contains("<a href=\"https://writer.example\"");
        assertThat(a.at("/source/fields/1").toString()).isEqualTo("{\"name\":\"Pronouns\",\"value\":\"they/them\"}");
        assertThat(a.at("/source/privacy").asText()).isEqualTo("unlisted");
        assertThat(a.at("/source/sensitive").asBoolean()).isTrue();
        assertThat(a.at("/source/language").asText()).isEqualTo("fr");

        ApiHarness.Response prefs = http.get("/api/v1/preferences", token);
        assertThat(prefs.body()).isEqualTo("{\"posting:default:visibility\":\"unlisted\",\"posting:default:sensitive\":true,"
                + "\"posting:default:language\":\"fr\",\"reading:expand:media\":\"default\",\"reading:expand:spoilers\":false}");

        // a partial edit keeps everything it does not mention
        JsonNode partial = json(http.json("PATCH", "/api/v1/accounts/update_credentials", token,
                "{\"display_name\":\"W\",\"fields_attributes\":[{\"name\":\"Only\",\"value\":\"one\"}]}"));
        assertThat(partial.get("display_name").asText()).isEqualTo("W");
        assertThat(partial.get("locked").asBoolean()).isTrue();
        assertThat(partial.at("/source/note").asText()).isEqualTo(note);
        assertThat(partial.get("fields")).hasSize(1);
    }

    @Test
    void updateCredentialsValidation() throws Exception {
        String token = user("strict");
        ApiHarness.Response longName = http.form("PATCH", "/api/v1/accounts/update_credentials", token, "display_name=" + "x".repeat(31));
        assertThat(longName.status()).isEqualTo(422);
        assertThat(json(longName).get("error").asText())
                .isEqualTo("Validation failed: Display name is too long (maximum is 30 characters)");
        ApiHarness.Response longNote = http.form("PATCH", "/api/v1/accounts/update_credentials", token, "note=" + "y".repeat(501));
        assertThat(json(longNote).get("error").asText()).isEqualTo("Validation failed: Note is too long (maximum is 500 characters)");
        StringBuilder five = new StringBuilder();
        for (int i = 0; i < 5; i++) five.append("&fields_attributes%5B").append(i).append("%5D%5Bname%5D=n").append(i);
        assertThat(http.form("PATCH", "/api/v1/accounts/update_credentials", token, five.substring(1)).status()).isEqualTo(422);
        assertThat(http.form("PATCH", "/api/v1/accounts/update_credentials", token, "source%5Bprivacy%5D=everyone").status())
                .isEqualTo(422);
        assertThat(json(http.get("/api/v1/accounts/verify_credentials", token)).get("display_name").asText()).isEmpty();
        ApiHarness.Response readOnly = http.form("PATCH", "/api/v1/accounts/update_credentials",
                token.replace("user:", "scoped:") + ":read", "display_name=x");
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.body()).isEqualTo("{\"error\":\"This action is outside the authorized scopes\"}");
    }

    @Test
    void multipartAvatarIsStoredAndNonImagesAreRefused() throws Exception {
        String token = user("painter");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4};
        ApiHarness.Response r = http.send("PATCH", "/api/v1/accounts/update_credentials", token,
                "multipart/form-data; boundary=XyZ", multipart("XyZ", "display_name", "Painter", "avatar", "me.png", png), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode a = json(r);
        assertThat(a.get("display_name").asText()).isEqualTo("Painter");
        String avatar = a.get("avatar").asText();
        assertThat(avatar).matches("https://social\\.example/system/accounts/avatars/" + accountId(token) + "/[A-Za-z0-9_-]{16}\\.png");
        Path stored = data.resolve("media").resolve(avatar.substring("https://social.example/system/".length()));
        assertThat(Files.readAllBytes(stored)).isEqualTo(png);

        ApiHarness.Response bad = http.send("PATCH", "/api/v1/accounts/update_credentials", token,
                "multipart/form-data; boundary=XyZ", multipart("XyZ", "display_name", "X", "header", "evil.png",
                        "<html>".getBytes(StandardCharsets.UTF_8)), Map.of());
        assertThat(bad.status()).isEqualTo(422);
        assertThat(json(bad).get("error").asText())
                .isEqualTo("Validation failed: Header has contents that are not what they are reported to be");
    }

    @Test
    void publicAccountLookupsAndSearch() throws Exception {
        String token = user("findme");
        String id = accountId(token);
        ApiHarness.Response byId = http.get("/api/v1/accounts/" + id, null);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(json(byId).get("username").asText()).isEqualTo("findme");
        assertThat(json(byId).has("source")).isFalse();
        ApiHarness.Response missing = http.get("/api/v1/accounts/12345", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"Record not found\"}");
        assertThat(json(http.get("/api/v1/accounts/lookup?acct=FindMe", null)).get("id").asText()).isEqualTo(id);
        assertThat(json(http.get("/api/v1/accounts/lookup?acct=findme@example.com", null)).get("id").asText()).isEqualTo(id);
        assertThat(http.get("/api/v1/accounts/lookup?acct=findme@elsewhere.org", null).status()).isEqualTo(404);

        user("findmetoo");
        JsonNode found = json(http.get("/api/v1/accounts/search?q=FIND&limit=5", token));
        assertThat(found).hasSize(2);
        assertThat(found.get(0).get("username").asText()).isEqualTo("findme");
        assertThat(json(http.get("/api/v1/accounts/search?q=find_&limit=5", token))).isEmpty();
        assertThat(http.get("/api/v1/accounts/search?q=find", null).status()).isEqualTo(401);

        f.admin.suspend("findmetoo");
        assertThat(json(http.get("/api/v1/accounts/search?q=find", token))).hasSize(1);
        assertThat(http.get("/api/v1/accounts/lookup?acct=findmetoo", null).status()).isEqualTo(404);
    }

    private static byte[] multipart(String boundary, String field, String value, String fileField, String filename,
                                    byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + filename + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

}
