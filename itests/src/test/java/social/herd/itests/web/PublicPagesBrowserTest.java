package social.herd.itests.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * The public pages in a real browser (headless Chromium), as a signed-out reader finds them:
 * about, policies, timelines, tag, local and remote profiles and status pages. Display names,
 * bios, profile fields and posts, local and from a remote server, carry an XSS corpus; every page
 * must render it inert (no dialog, no injected element or handler), pass axe-core without serious
 * or critical violations, and be screenshot at desktop and phone widths. The footer's theme
 * chooser, used with the keyboard, must change the page's background.
 */
class PublicPagesBrowserTest {

    /** Payloads that execute or inject markup when a page fails to escape or clean them. */
    static final List<String> CORPUS = List.of(
            "<script>alert('xss-script')</script>",
            "<img src=x onerror=\"alert('xss-img')\">",
            "<a href=\"javascript:alert('xss-link')\">click me</a>",
            "<svg onload=\"alert('xss-svg')\"><script>alert('xss-svg-script')</script></svg>",
            "\"><b id=\"xss-attr\">broken out</b>",
            "<iframe src=\"javascript:alert('xss-frame')\"></iframe>",
            "<details open ontoggle=\"alert('xss-toggle')\"><summary>t</summary></details>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-mutation')></style></mglyph></table></mtext></math>",
            "<a href=\"jav&#x09;ascript:alert('xss-entity')\">entity</a>",
            "<form action=\"https://evil.example/\"><button id=\"xss-form\">go</button></form>");

    static FakePeer remote;
    static FakePeer.Actor mallory;
    static Peer herd;
    static Peer.User alice;
    static String statusId, remoteNote;

    @BeforeAll
    static void start() throws Exception {
        remote = FakePeer.start();
        mallory = remote.actor("mallory");
        remote.decorate(mallory, Map.of("name", "<img src=x onerror=alert('xss-remote-name')>Mallory",
                "summary", "<p>bio " + String.join(" ", CORPUS) + "</p>"));
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", TestPostgres.freshDatabase(), "HERD_DB_USER", "postgres");
        alice = herd.user("alice");
        Http.Reply r = alice.send("PATCH", "/api/v1/accounts/update_credentials",
                "display_name=" + Peer.enc("<script>alert(1)</script>") + "&note=" + Peer.enc(String.join("\n", CORPUS).substring(0, 490))
                        + "&fields_attributes[0][name]=" + Peer.enc("<b id=\"xss-field\">site</b>")
                        + "&fields_attributes[0][value]=" + Peer.enc("<a href=\"javascript:alert('xss-field')\">x</a>"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (int i = 0; i < 21; i++) alice.status("filler post " + i + " #herdweb", "public");
        for (String payload : CORPUS) alice.status("xss " + payload + " #herdweb", "public");
        JsonNode cw = alice.ok(alice.post("/api/v1/statuses", "status=" + Peer.enc("behind the warning " + CORPUS.get(1))
                + "&spoiler_text=" + Peer.enc(CORPUS.get(0)) + "&visibility=public"));
        statusId = cw.get("id").asText();
        alice.ok(alice.post("/api/v1/statuses", "status=" + Peer.enc("a reply " + CORPUS.get(3)) + "&in_reply_to_id=" + statusId
                + "&visibility=public"));
        alice.status("only for followers", "private");
        remoteNote = deliverNote("<p>remote " + String.join(" ", CORPUS) + "</p>");
        alice.await("/api/v1/timelines/public?remote=true", list -> list.size() > 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (remote != null) remote.close();
    }

    @Test
    void everyPublicPageIsInertAccessibleAndScreenshot() throws Exception {
        String remoteAcct = "mallory@" + remote.host();
        String remoteStatus = herd.http.get("/api/v1/timelines/public?remote=true").json().get(0).get("id").asText();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("about", "/about");
        pages.put("privacy", "/privacy-policy");
        pages.put("terms-missing", "/terms");
        pages.put("local", "/public/local");
        pages.put("federated", "/public");
        pages.put("tag", "/tags/herdweb");
        pages.put("profile", "/@alice");
        pages.put("profile-page-2", "/@alice?max_id=" + statusId);
        pages.put("profile-media", "/@alice/media");
        pages.put("status", "/@alice/" + statusId);
        pages.put("remote-profile", "/@" + remoteAcct);
        pages.put("remote-status", "/@" + remoteAcct + "/" + remoteStatus);
        pages.put("not-found", "/@nobody");
        pages.put("interaction", "/authorize_interaction?uri=" + Peer.enc(herd.publicUrl + "/@alice"));
        pages.put("password-new", "/auth/password/new");
        List<String> args = new ArrayList<>(List.of(herd.apiBase, BrowserRun.SHOTS.resolve("public").toAbsolutePath().toString()));
        pages.forEach((name, path) -> args.add(name + "=" + path));

        JsonNode seen = BrowserRun.run("browser_pages.mjs", args);

        Map<String, Integer> expectedStatus = Map.of("terms-missing", 404, "not-found", 404);
        for (String name : pages.keySet()) {
            JsonNode p = seen.get("pages").get(name);
            assertThat(p.get("status").asInt()).as(name).isEqualTo(expectedStatus.getOrDefault(name, 200));
            assertThat(p.get("dialogs").asInt()).as(name + ": a script ran").isZero();
            assertThat(p.get("injected")).as(name + ": injected markup survived").isEmpty();
            assertThat(p.get("violations")).as(name + ": axe-core serious/critical violations").isEmpty();
            for (String width : List.of("desktop", "phone")) {
                Path shot = Path.of(p.get(width).asText());
                assertThat(Files.size(shot)).as(name + " " + width + " screenshot").isGreaterThan(5_000);
            }
        }
        JsonNode theme = seen.get("theme");
        assertThat(theme.get("attribute").asText()).isEqualTo("dark");
        assertThat(theme.get("after").asText()).as("dark background").isEqualTo("rgb(25, 27, 34)")
                .isNotEqualTo(theme.get("before").asText());
        assertThat(theme.get("highContrast").asText()).isEqualTo("rgb(0, 0, 0)");
        assertThat(theme.get("violations")).as("dark theme axe").isEmpty();
        assertThat(theme.get("highContrastViolations")).as("high-contrast theme axe").isEmpty();
    }

    @Test
    void pagesShowWhatTheyShouldAndNothingPrivate() {
        Http.Reply profile = herd.http.get("/@alice");
        assertThat(profile.body()).contains("filler post 20", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("only for followers")
                .contains("<link rel=\"alternate\" type=\"application/activity+json\" href=\"" + herd.publicUrl + "/users/alice\">")
                .contains("og:title");
        assertThat(profile.header("Link")).as("next page of posts").contains("max_id=").contains("rel=\"next\"");
        assertThat(profile.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline")
                .contains("frame-ancestors 'none'");
        assertThat(profile.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(herd.http.get("/public/local").body()).doesNotContain("only for followers").contains("filler post");
        assertThat(herd.http.get("/public").body()).contains("remote");
    }

    @Test
    void profileAndStatusPagesNegotiateToActivityPub() {
        Http.Reply profile = herd.http.get("/@alice", "Accept", "application/activity+json");
        assertThat(profile.status()).isEqualTo(302);
        assertThat(profile.header("Location")).isEqualTo(herd.publicUrl + "/users/alice");
        JsonNode actor = herd.http.get("/users/alice", "Accept", "application/activity+json").json();
        assertThat(actor.get("type").asText()).isEqualTo("Person");
        Http.Reply status = herd.http.get("/@alice/" + statusId, "Accept", "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
        assertThat(status.status()).isEqualTo(302);
        assertThat(status.header("Location")).isEqualTo(herd.publicUrl + "/users/alice/statuses/" + statusId);
        assertThat(herd.http.get("/@alice/" + statusId, "Accept", "text/html").status()).isEqualTo(200);
    }

    private static String deliverNote(String html) {
        String id = "http://" + mallory.host() + "/notes/" + java.util.UUID.randomUUID();
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("id", id);
        note.put("type", "Note");
        note.put("attributedTo", mallory.id());
        note.put("content", html);
        note.put("summary", "<b id=\"xss-cw\">cw</b>");
        note.put("published", java.time.Instant.now().toString());
        note.put("to", List.of("https://www.w3.org/ns/activitystreams#Public"));
        note.put("cc", List.of(mallory.id() + "/followers"));
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("@context", "https://www.w3.org/ns/activitystreams");
        create.put("id", id + "/activity");
        create.put("type", "Create");
        create.put("actor", mallory.id());
        create.put("to", note.get("to"));
        create.put("cc", note.get("cc"));
        create.put("object", note);
        herd.deliver(create, mallory);
        return id;
    }
}
