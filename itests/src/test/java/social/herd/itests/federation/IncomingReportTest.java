package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer.Actor;
import social.herd.testing.TestPostgres;

/**
 * Reports across servers. {@code Flag} from another server, as Mastodon sends it (the instance actor reports an account
 * and some of its posts): it becomes a report in our moderation queue with the posts and the
 * note; a Flag from a domain whose reports are rejected, or naming nobody of ours, files nothing.
 * A local report of a remote account goes to its server as an anonymous Flag only when the
 * reporter asks to forward it.
 */
class IncomingReportTest {

    static FakePeer remote;
    static Peer herd;
    static String db;
    static Peer.User alice;
    static Actor moderator;   // the reporting server's actor
    static Actor ignored;     // on a domain blocked with reject_reports

    @BeforeAll
    static void start() throws Exception {
        remote = FakePeer.start();
        moderator = remote.actor("moderator");
        ignored = remote.actor("ignored", "localhost:" + remote.port);
        db = TestPostgres.freshDatabase();
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", db, "HERD_DB_USER", "postgres");
        try (Connection c = DriverManager.getConnection(db, "postgres", "");
             PreparedStatement ps = c.prepareStatement("INSERT INTO federation_domain_blocks (domain, severity, reject_reports)"
                     + " VALUES (?, 'noop', true)")) {
            ps.setString(1, ignored.host());
            ps.executeUpdate();
        }
        alice = herd.user("alice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (remote != null) remote.close();
    }

    @Test
    void aFlagBecomesAReportWithItsPostsAndNote() throws Exception {
        String aliceUri = herd.publicUrl + "/users/alice";
        String reported = alice.status("something to report", "public").get("id").asText();
        String statusUri = alice.ok(alice.get("/api/v1/statuses/" + reported)).get("uri").asText();

        herd.deliver(flag(ignored, 1, List.of(aliceUri, statusUri), "from a domain whose reports we reject"), ignored);
        herd.deliver(flag(moderator, 2, List.of(herd.publicUrl + "/users/nobody"), "names nobody of ours"), moderator);
        herd.deliver(flag(moderator, 3, List.of(aliceUri, statusUri, "https://elsewhere.example/notes/1"), "Spam, see the post"),
                moderator);

        long deadline = System.currentTimeMillis() + 30_000;
        while (reports().isEmpty() && System.currentTimeMillis() < deadline) Http.sleep(200);
        Http.sleep(1000); // the other two were queued first; give them the time to (not) file anything
        List<Map<String, String>> reports = reports();
        assertThat(reports).hasSize(1);
        Map<String, String> r = reports.get(0);
        assertThat(r.get("target")).isEqualTo(alice.id);
        assertThat(r.get("reporter")).isEqualTo(moderator.id());
        assertThat(r.get("statuses")).isEqualTo("[" + reported + "]");
        assertThat(r.get("comment")).isEqualTo("Spam, see the post");
        assertThat(r.get("forwarded")).isEqualTo("false");
        assertThat(herd.serverErrors()).isEmpty();
    }

    @Test
    void aReportOfARemoteAccountIsForwardedAnonymouslyOnlyWhenAsked() throws Exception {
        Actor spammer = remote.actor("spammer");
        JsonNode found = alice.ok(alice.get("/api/v2/search?resolve=true&type=accounts&q=" + Peer.enc(spammer.id())));
        String spammerOnHerd = found.get("accounts").get(0).get("id").asText();
        alice.ok(alice.post("/api/v1/reports", "account_id=" + spammerOnHerd + "&comment=kept+here"));
        alice.ok(alice.post("/api/v1/reports", "account_id=" + spammerOnHerd + "&comment=please+look&forward=true"));

        String inbox = java.net.URI.create(spammer.id() + "/inbox").getRawPath();
        long deadline = System.currentTimeMillis() + 30_000;
        while (remote.posted(inbox, "Flag").isEmpty() && System.currentTimeMillis() < deadline) Http.sleep(200);
        Http.sleep(1000);
        List<FakePeer.Received> flags = remote.posted(inbox, "Flag");
        assertThat(flags).hasSize(1);
        JsonNode flag = flags.get(0).json();
        assertThat(flag.get("actor").asText()).as("anonymous: the instance actor reports").isEqualTo(herd.publicUrl + "/actor");
        assertThat(flag.get("object").get(0).asText()).isEqualTo(spammer.id());
        assertThat(flag.get("content").asText()).isEqualTo("please look");
        assertThat(flags.get(0).headers().get("Signature").get(0)).contains(herd.publicUrl + "/actor#main-key");
        assertThat(flags.get(0).body()).doesNotContain("/users/alice");
    }

    static Map<String, Object> flag(Actor from, int n, List<String> objects, String content) {
        return Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", from.id() + "#flags/" + n, "type", "Flag",
                "actor", from.id(), "object", objects, "content", content);
    }

    static List<Map<String, String>> reports() throws Exception {
        try (Connection c = DriverManager.getConnection(db, "postgres", "");
             PreparedStatement ps = c.prepareStatement("SELECT r.target_account_id::text, a.uri, r.status_ids::text, r.comment,"
                     + " r.forwarded::text FROM reports r JOIN accounts a ON a.id = r.account_id ORDER BY r.id");
             ResultSet rs = ps.executeQuery()) {
            List<Map<String, String>> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(Map.of("target", rs.getString(1), "reporter", rs.getString(2), "statuses", rs.getString(3),
                        "comment", rs.getString(4), "forwarded", rs.getString(5)));
            }
            return out;
        }
    }
}
