package social.herd.itests.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * The search test suite, run once per engine by its subclasses (PostgreSQL; OpenSearch directly;
 * OpenSearch behind a TLS proxy requiring basic auth): post search through {@code /api/v2/search}
 * as Mastodon scopes it (only signed-in people; their own posts, those they favourited,
 * bookmarked or were mentioned in, and public posts of indexable accounts), the visibility matrix
 * (private, direct, deleted, non-indexable, suspended), operators and query syntax, account and
 * hashtag search for everyone, and {@code herd search reindex}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchSuite {

    Peer herd;
    String db;
    Peer.User alice, bob, carol, root;

    /** Environment variables that select and configure the engine under test. */
    abstract List<String> engineEnv();

    /** Empties the engine's index behind the server's back (to prove that reindex fills it). */
    abstract void wipeIndex() throws Exception;

    /** What {@code herd search reindex} says it writes into. */
    abstract String engineName();

    @BeforeAll
    void start() {
        db = TestPostgres.freshDatabase();
        List<String> env = new ArrayList<>(List.of("HERD_DB_URL", db, "HERD_DB_USER", "postgres"));
        env.addAll(engineEnv());
        herd = Peer.start("127.0.0.1", env.toArray(String[]::new));
        alice = herd.user("alice");
        bob = herd.user("bob");
        carol = herd.user("carol");
        root = herd.user("root", "admin");
    }

    @AfterAll
    void stop() throws Exception {
        if (herd != null) herd.close();
    }

    List<String> found(Peer.User who, String q) {
        JsonNode r = who.ok(who.get("/api/v2/search?type=statuses&q=" + Peer.enc(q)));
        List<String> ids = new ArrayList<>();
        r.get("statuses").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    /** Indexing runs through the job queue: wait until the searcher finds what they should. */
    List<String> awaitFound(Peer.User who, String q, String id) {
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
        assertThat(anonymous.status()).as("signed out: no post search, but no error either").isEqualTo(200);
        assertThat(anonymous.json().get("statuses")).isEmpty();
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
        wipeIndex();
        assertThat(found(erin, "zeppelins")).as("the index was wiped").isEmpty();
        String out = herd.server.command("search", "reindex");
        assertThat(out).contains("reindexing posts into " + engineName()).containsPattern("indexed [0-9]+ posts")
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

    /** Waits until {@code who} no longer finds {@code id} (removal goes through the index worker). */
    List<String> awaitGone(Peer.User who, String q, String id) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> ids = found(who, q);
        while (ids.contains(id) && System.nanoTime() < deadline) {
            Http.sleep(200);
            ids = found(who, q);
        }
        return ids;
    }

    @Test
    void visibilityMatrix() {
        Peer.User ann = herd.user("ann"), fan = herd.user("fan"), pal = herd.user("pal"), stranger = herd.user("stranger");
        fan.followAndAwait(fan.lookup("ann"));
        assertThat(ann.send("PATCH", "/api/v1/accounts/update_credentials", "indexable=true").status()).isEqualTo(200);

        // private: the author, the mentioned and a follower who bookmarked it; never a stranger
        String priv = ann.status("walrus meeting notes for @pal", "private").get("id").asText();
        assertThat(awaitFound(ann, "walrus", priv)).as("author").contains(priv);
        assertThat(awaitFound(pal, "walrus", priv)).as("mentioned").contains(priv);
        assertThat(found(fan, "walrus")).as("a follower who did not interact").doesNotContain(priv);
        assertThat(fan.post("/api/v1/statuses/" + priv + "/bookmark", "").status()).isEqualTo(200);
        assertThat(found(fan, "walrus")).as("a follower who bookmarked it").contains(priv);
        assertThat(found(stranger, "walrus")).as("stranger, private").doesNotContain(priv);

        // direct: the author and the addressee only, even for a follower and though ann is indexable
        String direct = ann.status("walrus secret for @pal", "direct").get("id").asText();
        assertThat(awaitFound(pal, "walrus secret", direct)).as("addressee").contains(direct);
        assertThat(found(ann, "walrus secret")).as("author").contains(direct);
        assertThat(found(fan, "walrus secret")).as("follower, direct").doesNotContain(direct);
        assertThat(found(stranger, "walrus secret")).as("stranger, direct").doesNotContain(direct);

        // a public post of an indexable account: everyone signed in
        String open = ann.status("walrus parade in public", "public").get("id").asText();
        assertThat(awaitFound(stranger, "walrus parade", open)).as("stranger, indexable public").contains(open);

        // a public post of a non-indexable account: its author and people who favourited it
        String shy = bob.status("walrus sighting by a shy account", "public").get("id").asText();
        assertThat(awaitFound(bob, "walrus sighting", shy)).contains(shy);
        assertThat(found(stranger, "walrus sighting")).as("stranger, non-indexable").doesNotContain(shy);
        assertThat(pal.post("/api/v1/statuses/" + shy + "/favourite", "").status()).isEqualTo(200);
        assertThat(found(pal, "walrus sighting")).as("who favourited it").contains(shy);

        // deleted: nobody, the author included
        String gone = ann.status("walrus to be deleted", "public").get("id").asText();
        assertThat(awaitFound(stranger, "walrus deleted", gone)).contains(gone);
        assertThat(ann.send("DELETE", "/api/v1/statuses/" + gone, "").status()).isEqualTo(200);
        assertThat(found(stranger, "walrus deleted")).as("stranger, deleted").doesNotContain(gone);
        assertThat(found(ann, "walrus deleted")).as("author, deleted").doesNotContain(gone);

        // an edit changes what finds the post; narrowing visibility hides it from strangers
        String edited = ann.status("walrus before the edit", "public").get("id").asText();
        assertThat(awaitFound(stranger, "walrus before", edited)).contains(edited);
        assertThat(ann.send("PUT", "/api/v1/statuses/" + edited, "status=" + Peer.enc("narwhal after the edit")).status()).isEqualTo(200);
        assertThat(awaitFound(stranger, "narwhal", edited)).as("found by its new words").contains(edited);
        assertThat(awaitGone(stranger, "walrus before", edited)).as("not by its old ones").doesNotContain(edited);

        // suspended: nobody finds the account's posts, the one who favourited them included; back after unsuspension
        Peer.User sus = herd.user("sus");
        assertThat(sus.send("PATCH", "/api/v1/accounts/update_credentials", "indexable=true").status()).isEqualTo(200);
        String banned = sus.status("walrus propaganda", "public").get("id").asText();
        assertThat(awaitFound(stranger, "walrus propaganda", banned)).contains(banned);
        assertThat(pal.post("/api/v1/statuses/" + banned + "/favourite", "").status()).isEqualTo(200);
        String susId = sus.lookup("sus");
        assertThat(root.post("/api/v1/admin/accounts/" + susId + "/action", "type=suspend").status()).isEqualTo(200);
        assertThat(awaitGone(stranger, "walrus propaganda", banned)).as("stranger, suspended").doesNotContain(banned);
        assertThat(found(pal, "walrus propaganda")).as("who favourited it, suspended").doesNotContain(banned);
        assertThat(root.post("/api/v1/admin/accounts/" + susId + "/unsuspend", "").status()).isEqualTo(200);
        assertThat(awaitFound(stranger, "walrus propaganda", banned)).as("after unsuspension").contains(banned);
    }

    @Test
    void signedOutVisitorsFindAccountsAndHashtagsButNoPosts() {
        alice.status("#Anonymity matters, says alice", "public");
        JsonNode r = herd.http.get("/api/v2/search?q=" + Peer.enc("ali")).json();
        assertThat(r.get("accounts").findValuesAsText("username")).contains("alice");
        assertThat(r.get("statuses")).isEmpty();
        JsonNode tags = herd.http.get("/api/v2/search?type=hashtags&q=anonym").json();
        assertThat(tags.get("hashtags").findValuesAsText("name")).containsExactly("anonymity");
        Http.Reply paged = herd.http.get("/api/v2/search?q=ali&offset=1");
        assertThat(paged.status()).isEqualTo(401);
        assertThat(paged.json().get("error").asText()).contains("without authentication");
        assertThat(herd.http.get("/api/v2/search").status()).isEqualTo(400);
    }

    @Test
    void followingLimitsAccountsToThoseTheSearcherFollows() {
        herd.user("maple1");
        herd.user("maple2");
        Peer.User ivy = herd.user("ivy");
        ivy.followAndAwait(ivy.lookup("maple2"));
        JsonNode all = ivy.ok(ivy.get("/api/v2/search?type=accounts&q=maple"));
        assertThat(all.get("accounts").findValuesAsText("username")).containsExactlyInAnyOrder("maple1", "maple2");
        JsonNode followed = ivy.ok(ivy.get("/api/v2/search?type=accounts&following=true&q=maple"));
        assertThat(followed.get("accounts").findValuesAsText("username")).containsExactly("maple2");
        JsonNode v1 = ivy.ok(ivy.get("/api/v1/accounts/search?following=true&q=maple"));
        assertThat(v1.findValuesAsText("username")).containsExactly("maple2");
        JsonNode second = ivy.ok(ivy.get("/api/v1/accounts/search?limit=1&offset=1&q=maple"));
        assertThat(second).hasSize(1);
    }
}
