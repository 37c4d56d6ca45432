package social.herd.itests.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer;
import social.herd.itests.federation.FakePeer.Actor;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * The shipped filter plugins in a real server, dropped into {@code deploy/} with their
 * configuration files, judging real posts: local ones through {@code POST /api/v1/statuses} and
 * incoming ones through the shared inbox, signed by a fake remote server. Each verdict a filter
 * can give is seen the way a user or moderator would see it.
 */
class FilterPluginsTest {

    static final List<String> PLUGINS = List.of("keywords", "mention-flood", "domain-policy", "link-spam");
    static FakePeer remote;
    static Actor spammy;     // on the fake server's 127.0.0.1 authority
    static Actor rejected;   // on its "localhost" authority, which the domain policy refuses
    static Peer herd;
    static String db;
    static Peer.User alice, bob, carol, dan, erin, mod;

    @BeforeAll
    static void start() throws Exception {
        remote = FakePeer.start();
        spammy = remote.actor("spammy");
        rejected = remote.actor("rejected", "localhost:" + remote.port);
        db = TestPostgres.freshDatabase();
        herd = Peer.prepare("127.0.0.1", home -> {
            Path deploy = home.resolve("deploy");
            for (String p : PLUGINS) Files.copy(Path.of(System.getProperty("herd.plugin." + p)), deploy.resolve(p + ".jar"));
            Files.writeString(deploy.resolve("social.herd.filter.keywords.config"), """
                    reject=["casino"]
                    hold=["giveaway"]
                    warn=["election"]
                    warning_text="Politics"
                    reject_reason="No casinos here"
                    """);
            Files.writeString(deploy.resolve("social.herd.filter.mention_flood.config"), "max_mentions=I\"3\"\n");
            Files.writeString(deploy.resolve("social.herd.filter.domain_policy.config"), """
                    reject=["localhost"]
                    media_removal=["127.0.0.1"]
                    federated_timeline_removal=["127.0.0.1"]
                    """);
            Files.writeString(deploy.resolve("social.herd.filter.link_spam.config"),
                    "min_account_age_days=I\"0\"\nmin_followers=I\"1\"\nmax_stranger_mentions=I\"2\"\n");
        }, "HERD_DB_URL", db, "HERD_DB_USER", "postgres");
        alice = herd.user("alice");
        bob = herd.user("bob");
        carol = herd.user("carol");
        dan = herd.user("dan");
        erin = herd.user("erin");
        mod = herd.user("mod", "admin");
        carol.followAndAwait(bob.id);
        // FileInstall starts the plugins within a few seconds of the server: wait for each to act
        awaitStatus(bob, "casino probe", 422);
        awaitStatus(bob, "@carol @dan @erin @alice probe", 422);
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (remote != null) remote.close();
    }

    // ---- local posts ---------------------------------------------------------------------------

    @Test
    void keywordsRejectWarnHoldOrLetThrough() {
        Http.Reply refused = bob.post("/api/v1/statuses", "status=" + Peer.enc("casino night at mine"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("No casinos here");

        JsonNode warned = bob.status("about the election", "public");
        assertThat(warned.get("spoiler_text").asText()).isEqualTo("Politics");

        String held = bob.status("a big giveaway", "public").get("id").asText();
        assertThat(carol.get("/api/v1/statuses/" + held).status()).as("held: only the author sees it").isEqualTo(404);
        assertThat(heldIds()).contains(held);

        JsonNode clean = bob.status("a quiet afternoon", "public");
        assertThat(clean.get("spoiler_text").asText()).isEmpty();
        assertThat(carol.get("/api/v1/statuses/" + clean.get("id").asText()).status()).isEqualTo(200);

        JsonNode decisions = mod.ok(mod.get("/api/v1/admin/moderation_decisions?filter=keywords&limit=80"));
        List<String> seen = new ArrayList<>();
        decisions.forEach(d -> seen.add(d.get("decision").asText()));
        assertThat(seen).contains("reject", "hold", "rewrite");
        assertThat(herd.serverErrors()).isEmpty();
    }

    @Test
    void mentionFloodRejectsMoreMentionsThanAllowed() {
        Http.Reply flood = bob.post("/api/v1/statuses", "status=" + Peer.enc("@carol @dan @erin @alice look"));
        assertThat(flood.status()).isEqualTo(422);
        assertThat(flood.json().get("error").asText()).isEqualTo("Too many mentions (4, at most 3 allowed)");
        assertThat(bob.status("@carol @dan look", "public").get("mentions")).hasSize(2);
    }

    @Test
    void linkSpamHoldsNewcomersLinksAndStrangerMentionsButNotEstablishedAccounts() {
        String aliceLink = alice.status("great deals https://shop.example.com/deal", "public").get("id").asText();
        assertThat(carol.get("/api/v1/statuses/" + aliceLink).status()).as("alice has no followers: held").isEqualTo(404);
        String aliceStrangers = alice.status("@dan @erin hello", "public").get("id").asText();
        assertThat(heldIds()).contains(aliceLink, aliceStrangers);

        String bobLink = bob.status("my blog https://blog.example.com/post", "public").get("id").asText();
        assertThat(carol.get("/api/v1/statuses/" + bobLink).status()).as("bob has a follower").isEqualTo(200);

        mod.ok(mod.post("/api/v1/admin/held_statuses/" + aliceLink + "/approve", ""));
        assertThat(carol.get("/api/v1/statuses/" + aliceLink).status()).as("approved by a moderator").isEqualTo(200);
    }

    // ---- incoming posts ------------------------------------------------------------------------

    @Test
    void incomingPostsMeetTheSameFiltersAndTheDomainPolicy() throws Exception {
        String casino = FilterPluginsTestSupport.deliverNote(herd, spammy, "<p>casino tonight</p>", List.of(alice), null);
        String election = FilterPluginsTestSupport.deliverNote(herd, spammy, "<p>the election</p>", List.of(alice), null);
        String fromRejectedDomain = FilterPluginsTestSupport.deliverNote(herd, rejected, "<p>hello from a refused domain</p>", List.of(alice), null);
        String flood = FilterPluginsTestSupport.deliverNote(herd, spammy, "<p>hi all</p>", List.of(alice, bob, carol, dan), null);
        String withMedia = FilterPluginsTestSupport.deliverNote(herd, spammy, "<p>a picture</p>", List.of(alice), "http://" + spammy.host() + "/media/1.png");
        String spam = FilterPluginsTestSupport.deliverNote(herd, spammy, "<p>buy at <a href=\"https://shop.example.com/x\">shop</a></p>", List.of(alice), null);
        String giveaway = FilterPluginsTestSupport.deliverNote(herd, spammy, "<p>giveaway</p>", List.of(alice), null);
        String clean = FilterPluginsTestSupport.deliverNote(herd, spammy, "<p>a plain hello</p>", List.of(alice), null);

        // ingress runs in order per queue: once the last one is stored, the others were decided
        Map<String, String> last = FilterPluginsTestSupport.awaitStored(db, clean);
        assertThat(last.get("visibility")).as("domain policy: 127.0.0.1 loses the public timelines").isEqualTo("unlisted");
        assertThat(last.get("held")).isEqualTo("f");
        assertThat(FilterPluginsTestSupport.stored(db, casino)).as("keywords reject").isNull();
        assertThat(FilterPluginsTestSupport.stored(db, fromRejectedDomain)).as("domain policy reject").isNull();
        assertThat(FilterPluginsTestSupport.stored(db, flood)).as("mention flood reject").isNull();
        assertThat(FilterPluginsTestSupport.stored(db, election).get("spoiler_text")).isEqualTo("Politics");
        assertThat(FilterPluginsTestSupport.stored(db, withMedia).get("remote_media")).as("domain policy strips media").isIn(null, "[]");
        assertThat(FilterPluginsTestSupport.stored(db, spam).get("held")).as("link spam: a newcomer with a link to a stranger").isEqualTo("t");
        assertThat(FilterPluginsTestSupport.stored(db, giveaway).get("held")).as("keywords hold").isEqualTo("t");
        String spamId = FilterPluginsTestSupport.stored(db, spam).get("id");
        assertThat(heldIds()).contains(spamId);
        assertThat(alice.get("/api/v1/statuses/" + spamId).status()).as("held: hidden").isEqualTo(404);

        JsonNode decisions = mod.ok(mod.get("/api/v1/admin/moderation_decisions?context=incoming&limit=80"));
        List<String> filters = new ArrayList<>();
        decisions.forEach(d -> filters.add(d.get("filter").asText() + ":" + d.get("decision").asText()));
        assertThat(filters).contains("keywords:reject", "domain-policy:reject", "mention-flood:reject", "link-spam:hold",
                "keywords:rewrite", "keywords:hold");
        assertThat(herd.jobWarnings()).isEmpty();
        assertThat(herd.serverErrors()).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------

    static void awaitStatus(Peer.User u, String text, int status) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Http.Reply r = u.post("/api/v1/statuses", "status=" + Peer.enc(text));
        while (r.status() != status && System.nanoTime() < deadline) {
            Http.sleep(300);
            r = u.post("/api/v1/statuses", "status=" + Peer.enc(text));
        }
        assertThat(r.status()).as("plugins active: " + r.body()).isEqualTo(status);
    }

    List<String> heldIds() {
        List<String> ids = new ArrayList<>();
        mod.ok(mod.get("/api/v1/admin/held_statuses?limit=40")).forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }
}
