package social.herd.itests.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;
import social.herd.itests.system.ServerProcess;
import social.herd.testing.TestPostgres;

/**
 * The web front's journeys in a real browser (headless Chromium): sign up, confirm through the
 * mail the test SMTP server received, sign in, authorize an OAuth client, post with an image and
 * find it on the public profile; and, as an admin, upload a favicon plugin (the pages' icon link
 * changes) and a theme jar (selectable at once; chosen as the site theme, it is what a new
 * visitor gets). Every page on the way passes axe-core and is screenshot at two widths.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebJourneysBrowserTest {

    static final Pattern LINK = Pattern.compile("(http://\\S+?confirmation_token=[A-Za-z0-9_\\-]+)");
    static final String PASSWORD = "correct horse battery staple";
    static final ObjectMapper JSON = new ObjectMapper();

    static GreenMail smtp;
    static String hostileStatus, wendyId;
    static Peer herd;
    static Path profile, shots, work;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(ServerProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", TestPostgres.freshDatabase(), "HERD_DB_USER", "postgres",
                "HERD_SMTP_HOST", "127.0.0.1", "HERD_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "HERD_SMTP_TLS", "none", "HERD_MAIL_FROM", "Herd <notifications@herd.test>");
        work = Files.createTempDirectory("herd-web-journeys");
        profile = work.resolve("profile");
        shots = BrowserRun.SHOTS.resolve("journeys").toAbsolutePath();
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (smtp != null) smtp.stop();
    }

    static JsonNode step(String name, Path profileDir, Map<String, Object> args) throws Exception {
        JsonNode out = BrowserRun.run("browser_flow.mjs", List.of(name, herd.apiBase, shots.toString(), profileDir.toString(),
                JSON.writeValueAsString(args)));
        out.get("pages").fields().forEachRemaining(p -> {
            JsonNode page = p.getValue();
            assertThat(page.get("violations")).as(p.getKey() + ": axe-core serious/critical violations").isEmpty();
            assertThat(page.get("injected")).as(p.getKey() + ": injected markup").isEmpty();
            assertThat(page.get("dialogs").asInt()).as(p.getKey() + ": dialogs").isZero();
        });
        return out;
    }

    @Test
    @Order(1)
    void signUpConfirmByMailSignInAuthorizeAnAppAndPostAnImage() throws Exception {
        JsonNode signUp = step("signup", profile, Map.of("username", "wendy", "email", "wendy@example.com", "password", PASSWORD));
        assertThat(signUp.get("after").asText()).containsIgnoringCase("e-mail");

        assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("the confirmation mail arrived").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("wendy@example.com");
        Matcher link = LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "="));
        assertThat(link.find()).as("a confirmation link in the mail").isTrue();

        JsonNode signedIn = step("confirm-and-sign-in", profile, Map.of("link", link.group(1), "login", "wendy@example.com",
                "password", PASSWORD));
        assertThat(signedIn.get("confirmation").asText()).contains("confirmed");
        assertThat(signedIn.get("url").asText()).endsWith("/home");

        JsonNode app = herd.http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                "client_name=" + Peer.enc("Browser Test App") + "&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=read+write").json();
        String authorize = herd.apiBase + "/oauth/authorize?response_type=code&client_id=" + Peer.enc(app.get("client_id").asText())
                + "&redirect_uri=urn:ietf:wg:oauth:2.0:oob&scope=read+write";
        JsonNode oauth = step("oauth", profile, Map.of("authorizeUrl", authorize, "login", "wendy@example.com", "password", PASSWORD));
        assertThat(oauth.get("scopesText").asText()).contains("Browser Test App").contains("Read all your account's data")
                .contains("Modify all your account's data");
        Http.Reply token = herd.http.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=authorization_code&code=" + Peer.enc(oauth.get("code").asText()) + "&client_id="
                        + Peer.enc(app.get("client_id").asText()) + "&client_secret=" + Peer.enc(app.get("client_secret").asText())
                        + "&redirect_uri=" + Peer.enc("urn:ietf:wg:oauth:2.0:oob"));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        Http.Reply me = herd.http.get("/api/v1/accounts/verify_credentials", "Authorization", "Bearer " + token.json().get("access_token").asText());
        assertThat(me.json().get("username").asText()).isEqualTo("wendy");

        // Hostile text where the signed-in pages show it: the display name, a post, a report.
        String wendyToken = token.json().get("access_token").asText();
        Http.Reply renamed = herd.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(herd.apiBase
                        + "/api/v1/accounts/update_credentials")).header("Authorization", "Bearer " + wendyToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("display_name="
                        + Peer.enc("<img src=x onerror=alert(1)>"))));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        Http.Reply hostile = herd.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(herd.apiBase + "/api/v1/statuses"))
                .header("Authorization", "Bearer " + wendyToken).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("status=" + Peer.enc(String.join(" ",
                        PublicPagesBrowserTest.CORPUS.subList(0, 5))))));
        assertThat(hostile.status()).as(hostile.body()).isEqualTo(200);
        hostileStatus = hostile.json().get("id").asText();
        wendyId = me.json().get("id").asText();

        Path image = work.resolve("picture.png");
        BufferedImage img = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 140, 90));
        g.fillRect(0, 0, 120, 80);
        g.dispose();
        ImageIO.write(img, "png", image.toFile());
        JsonNode posted = step("compose", profile, Map.of("text", "A green field from the browser", "image", image.toString(),
                "alt", "A plain green rectangle", "username", "wendy", "pollText", "Tea or coffee?", "displayName", "Wendy W."));
        assertThat(posted.get("homeHasPost").asBoolean()).as("the new post on home").isTrue();
        assertThat(posted.get("liveOffer").asText()).as("another tab on home was told through the streaming API")
                .isEqualTo("1 new: show them");
        assertThat(posted.get("liveLocalOffer").asText()).as("and a tab on the local timeline").isEqualTo("1 new: show them");
        assertThat(posted.get("profileImage").get("loaded").asBoolean()).as("the image shows on the public profile").isTrue();
        assertThat(posted.get("pollShown").toString()).contains("Tea").contains("Coffee");
        assertThat(posted.get("pressed").toString()).isEqualTo("[\"Favourite\",\"Bookmark\"]");
        assertThat(posted.get("profileName").asText()).startsWith("Wendy W.");
        Http.Reply favourites = herd.http.get("/api/v1/favourites", "Authorization", "Bearer " + wendyToken);
        assertThat(favourites.json().get(0).get("content").asText()).contains("A green field from the browser");
        JsonNode statuses = herd.http.get("/api/v1/accounts/" + me.json().get("id").asText() + "/statuses").json();
        JsonNode withMedia = null;
        for (JsonNode st : statuses) if (st.get("media_attachments").size() > 0) withMedia = st;
        assertThat(withMedia.get("media_attachments").get(0).get("description").asText()).isEqualTo("A plain green rectangle");
    }

    @Test
    @Order(2)
    void adminUploadsAFaviconPluginAndAThemeAndMakesItTheSiteTheme() throws Exception {
        Peer.User boss = herd.user("boss", "admin");
        Peer.User reporter = herd.user("reporter");
        reporter.ok(reporter.post("/api/v1/reports", "account_id=" + wendyId + "&status_ids[]=" + hostileStatus + "&comment="
                + Peer.enc(PublicPagesBrowserTest.CORPUS.get(1) + " spam")));
        Path themeJar = themeJar(work.resolve("sunrise-theme.jar"), "sunset", "Sunset", "#ffe4c4");
        JsonNode admin = step("admin", work.resolve("admin-profile"), Map.of("login", "boss@example.com",
                "password", boss.password, "faviconJar", System.getProperty("herd.plugin.favicon-sunrise"),
                "themeJar", themeJar.toString(), "themeName", "sunset",
                "rules", List.of("Be excellent to each other", "No spam, no scams")));
        assertThat(admin.get("iconBefore").asText()).startsWith("/icons/default/");
        assertThat(admin.get("iconAfter").asText()).as("the page's icon link after the upload").startsWith("/icons/sunrise/");
        assertThat(herd.http.get("/favicon.svg").body()).contains("#ff8c00");
        assertThat(admin.get("bgPreview").asText()).as("the preview shows the chosen theme").isEqualTo("rgb(255, 228, 196)")
                .isNotEqualTo(admin.get("bgBefore").asText());
        assertThat(admin.get("visitorTheme").asText()).isEqualTo("sunset");
        assertThat(admin.get("rules").toString()).as("rules edited in the console")
                .isEqualTo("[\"Be excellent to each other\",\"No spam, no scams\"]");
        assertThat(herd.http.get("/api/v1/instance/rules").body()).contains("Be excellent to each other");
        assertThat(admin.get("bgVisitor").asText()).isEqualTo("rgb(255, 228, 196)");
        assertThat(herd.http.get("/about").body()).as("the theme's layout.peb overrides a block of Herd's")
                .contains("<p class=\"theme-credit\">Sunset theme</p>").contains("Privacy policy");

        // Mail follows the site theme: its subject for the password reset mail.
        int before = smtp.getReceivedMessages().length;
        assertThat(herd.http.post("/auth/password", "application/x-www-form-urlencoded", "email=wendy%40example.com").status())
                .isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(30_000, before + 1)).isTrue();
        assertThat(smtp.getReceivedMessages()[before].getSubject()).isEqualTo("Sunset: choose a new password for wendy");

        // Removing the active theme falls back to the default, without errors.
        JsonNode plugins = boss.ok(boss.get("/api/v1/admin/plugins"));
        String themeId = null;
        for (JsonNode p : plugins) if (p.get("name").asText().contains("sunset")) themeId = p.get("id").asText();
        assertThat(themeId).as("the theme is listed as a plugin: " + plugins).isNotNull();
        assertThat(boss.send("DELETE", "/api/v1/admin/plugins/" + themeId, "").status()).isEqualTo(200);
        Http.Reply about = herd.http.await("/about", java.time.Duration.ofSeconds(15),
                r -> r.status() == 200 && r.body().contains("data-theme=\"default\""));
        assertThat(about.body()).doesNotContain("/themes/sunset/").doesNotContain("Sunset theme");
        assertThat(herd.http.get("/themes/sunset/theme.css").status()).isEqualTo(404);
        assertThat(herd.serverErrors()).isEmpty();
    }

    /** A theme jar as a theme author would make it with the JDK alone (themes/README.md). */
    static Path themeJar(Path file, String name, String title, String background) throws Exception {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.example.herd.theme." + name);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Herd-Theme", name);
        a.putValue("Herd-Theme-Title", title);
        a.putValue("Require-Capability", "herd.spi;filter:=\"(&(herd.spi=theme)(version>=1.0.0)(!(version>=2.0.0)))\"");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("theme/theme.css"));
            jar.write((":root { --herd-bg: " + background + "; --herd-surface: #fff8f0; --herd-fg: #2b1a0e; --herd-muted: #5c4330;"
                    + " --herd-link: #8a3b00; --herd-accent: #8a3b00; --herd-accent-fg: #ffffff; }\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("theme/mail/password_reset.en.subject"));
            jar.write((title + ": choose a new password for {{username}}").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("theme/templates/layout.peb"));
            jar.write(("{% extends \"herd/layout.peb\" %}{% block footer %}{{ parent() }}<p class=\"theme-credit\">" + title
                    + " theme</p>{% endblock %}\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }
}
