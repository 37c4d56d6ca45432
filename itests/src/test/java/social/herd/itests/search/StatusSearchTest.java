package social.herd.itests.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * Post search on the PostgreSQL engine through {@code /api/v2/search}, as Mastodon scopes it:
 * only signed-in people, only their own posts and those they favourited, bookmarked or were
 * mentioned in; deleted posts vanish; the operators and Mastodon's query syntax work.
 */
class StatusSearchTest {

    static Peer herd;
    static String db;
    static Peer.User alice, bob, carol;

    @BeforeAll
    static void start() {
        db = TestPostgres.freshDatabase();
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", db, "HERD_DB_USER", "postgres");
        alice = herd.user("alice");
        bob = herd.user("bob");
        carol = herd.user("carol");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
    }

    static List<String> found(Peer.User who, String q) {
        JsonNode r = who.ok(who.get("/api/v2/search?type=statuses&q=" + Peer.enc(q)));
        List<String> ids = new ArrayList<>();
        r.get("statuses").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    /** Indexing runs through the job queue: wait until the searcher finds what they should. */
    static List<String> awaitFound(Peer.User who, String q, String id) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> ids = found(who, q);
        while (!ids.contains(id) && System.nanoTime() < deadline) {
            Http.sleep(200);
            ids = found(who, q);
        }
        return ids;
    }

    @Test
    void peopleFindTheirOwnFavouritedBookmarkedAndMentioningPostsOnly() {
        String cafe = alice.status("Café au lait in the Ünïcode bar", "public").get("id").asText();
        assertThat(awaitFound(alice, "cafe unicode", cafe)).as("own post, accents folded").containsExactly(cafe);
        assertThat(found(bob, "cafe")).as("a stranger's public post of a non-indexable account").isEmpty();

        bob.ok(bob.post("/api/v1/statuses/" + cafe + "/favourite", ""));
        assertThat(found(bob, "café")).as("after favouriting it").containsExactly(cafe);
        assertThat(found(carol, "cafe")).isEmpty();

        String secret = alice.status("secret plans for @carol", "private").get("id").asText();
        assertThat(awaitFound(carol, "secret plans", secret)).as("mentioned").containsExactly(secret);
        assertThat(found(bob, "secret")).isEmpty();
        assertThat(bob.post("/api/v1/statuses/" + secret + "/bookmark", "").status()).as("bob may not see it").isEqualTo(404);
        assertThat(found(bob, "secret")).as("a private post stays hidden from a non-follower").isEmpty();

        assertThat(alice.send("DELETE", "/api/v1/statuses/" + cafe, "").status()).isEqualTo(200);
        assertThat(found(bob, "cafe")).as("deleted").isEmpty();
        assertThat(found(alice, "cafe")).isEmpty();

        Http.Reply anonymous = herd.http.get("/api/v2/search?type=statuses&q=secret");
        assertThat(anonymous.status()).as("signed out: no post search (account and hashtag search come next)").isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("secret plans");
    }

    @Test
    void operatorsPhrasesAndExclusions() {
        Peer.User dan = herd.user("dan");
        String tea = dan.status("green tea with lemon", "public").get("id").asText();
        String coffee = dan.status("black coffee no lemon", "public").get("id").asText();
        String poll = dan.ok(dan.post("/api/v1/statuses", "status=" + Peer.enc("lemon or lime?")
                + "&poll[options][]=lemon&poll[options][]=lime&poll[expires_in]=3600")).get("id").asText();
        String reply = dan.ok(dan.post("/api/v1/statuses", "status=" + Peer.enc("more lemon please")
                + "&in_reply_to_id=" + tea)).get("id").asText();
        for (String id : List.of(tea, coffee, poll, reply)) awaitFound(dan, "lemon", id);

        assertThat(found(dan, "lemon")).containsExactly(reply, poll, coffee, tea);
        assertThat(found(dan, "lemon -coffee")).containsExactly(reply, poll, tea);
        assertThat(found(dan, "\"tea with lemon\"")).containsExactly(tea);
        assertThat(found(dan, "lemon has:poll")).containsExactly(poll);
        assertThat(found(dan, "lemon is:reply")).containsExactly(reply);
        assertThat(found(dan, "lemon -is:reply")).containsExactly(poll, coffee, tea);
        assertThat(found(dan, "from:dan lemon")).hasSize(4);
        assertThat(found(dan, "from:alice lemon")).isEmpty();
        assertThat(found(dan, "from:nobody lemon")).isEmpty();
        assertThat(found(dan, "lemon before:2000-01-01")).isEmpty();
        assertThat(found(dan, "lemon after:2000-01-01")).hasSize(4);

        JsonNode page = dan.ok(dan.get("/api/v2/search?type=statuses&limit=2&q=lemon"));
        assertThat(page.get("statuses")).hasSize(2);
        JsonNode next = dan.ok(dan.get("/api/v2/search?type=statuses&limit=2&offset=2&q=lemon"));
        assertThat(next.get("statuses").get(0).get("id").asText()).isEqualTo(coffee);
        assertThat(dan.get("/api/v2/search?type=people&q=lemon").status()).isEqualTo(422);
        assertThat(dan.get("/api/v2/search?type=statuses&q=lemon&limit=abc").status()).isEqualTo(422);
        assertThat(dan.ok(dan.get("/api/v2/search?type=statuses&q=lemon&limit=100000")).get("statuses")).hasSize(4);
    }

    @Test
    void accountsAreFoundByTheStartOfTheirName() {
        JsonNode r = bob.ok(bob.get("/api/v2/search?type=accounts&q=" + Peer.enc("@ali")));
        assertThat(r.get("accounts").findValuesAsText("username")).containsExactly("alice");
        assertThat(r.get("statuses")).isEmpty();
        assertThat(bob.ok(bob.get("/api/v2/search?q=car")).get("accounts").findValuesAsText("username")).contains("carol");
    }

    @Test
    void hashtagsInUseAreFoundByTheStartOfTheirName() {
        carol.status("#Knitting and #knitwear and #knit", "public");
        JsonNode r = bob.ok(bob.get("/api/v2/search?type=hashtags&q=" + Peer.enc("#KNIT")));
        assertThat(r.get("hashtags").findValuesAsText("name")).containsExactly("knit", "knitting", "knitwear");
        assertThat(r.get("hashtags").get(0).get("url").asText()).isEqualTo(herd.publicUrl + "/tags/knit");
        assertThat(bob.ok(bob.get("/api/v2/search?type=hashtags&q=" + Peer.enc("kn%"))).get("hashtags")).isEmpty();
    }

    @Test
    void reindexRebuildsAWipedIndexWithProgress() throws Exception {
        Peer.User erin = herd.user("erin");
        String id = erin.status("rebuilding the archive of zeppelins", "public").get("id").asText();
        assertThat(awaitFound(erin, "zeppelins", id)).containsExactly(id);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db, "postgres", "");
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM search_statuses");
        }
        assertThat(found(erin, "zeppelins")).as("the index was wiped").isEmpty();
        String out = herd.server.command("search", "reindex");
        assertThat(out).contains("reindexing posts into postgresql").containsPattern("indexed [0-9]+ posts")
                .containsPattern("done: [0-9]+ posts");
        assertThat(found(erin, "zeppelins")).containsExactly(id);
    }

    @Test
    void publicPostsOfAccountsThatOptedInAreFoundByEveryoneSignedIn() {
        Peer.User fay = herd.user("fay");
        String open = fay.status("open thoughts about hedgehogs", "public").get("id").asText();
        String quiet = fay.status("quiet thoughts about hedgehogs", "unlisted").get("id").asText();
        awaitFound(fay, "hedgehogs", quiet);
        assertThat(awaitFound(fay, "hedgehogs", open)).containsExactly(quiet, open);
        assertThat(found(bob, "hedgehogs")).as("not opted in yet").isEmpty();
        assertThat(fay.send("PATCH", "/api/v1/accounts/update_credentials", "indexable=true").status()).isEqualTo(200);
        // account views are cached for a few seconds by the statuses bundle
        assertThat(awaitFound(bob, "hedgehogs", open)).as("opted in: public posts only").containsExactly(open);
    }

    @Test
    void trendingTagsAreTheOnesMostPeopleUsedThisWeek() {
        Peer.User gus = herd.user("gus"), hal = herd.user("hal");
        gus.status("#TrendyTopic is here", "public");
        hal.status("me too #trendytopic", "public");
        hal.status("#lonelytopic", "public");
        gus.status("#trendytopic secretly", "private");
        JsonNode trends = herd.http.get("/api/v1/trends/tags?limit=20").json();
        List<String> names = trends.findValuesAsText("name");
        assertThat(names).contains("trendytopic", "lonelytopic");
        assertThat(names.indexOf("trendytopic")).isLessThan(names.indexOf("lonelytopic"));
        JsonNode trendy = trends.get(names.indexOf("trendytopic"));
        assertThat(trendy.get("history")).hasSize(7);
        assertThat(trendy.get("history").get(0).get("uses").asText()).as("the private post does not count").isEqualTo("2");
        assertThat(trendy.get("history").get(0).get("accounts").asText()).isEqualTo("2");
        assertThat(herd.http.get("/api/v1/trends/tags?limit=x").status()).isEqualTo(422);
        assertThat(herd.http.get("/api/v1/trends/tags?limit=1").json()).hasSize(1);
    }
}
