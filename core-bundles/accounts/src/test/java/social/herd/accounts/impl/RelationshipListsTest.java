package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.accounts.impl.RelationshipsTest.id;
import static social.herd.accounts.impl.RelationshipsTest.link;
import static social.herd.accounts.impl.RelationshipsTest.ok;
import static social.herd.accounts.impl.RelationshipsTest.rel;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.web.testing.ApiHarness;

/**
 * Followers/following pagination and Link headers, familiar followers and user-level domain blocks.
 * Reuses RelationshipsTest's helpers on its own fresh database (test classes run one at a time).
 */
class RelationshipListsTest {

    @TempDir
    static Path data;

    @BeforeAll
    static void start() {
        RelationshipsTest.f = new Fixture(data);
        RelationshipsTest.http = Api.harness(RelationshipsTest.f);
    }

    @AfterAll
    static void stop() {
        RelationshipsTest.f.close();
    }

    private static String user(String prefix) {
        return RelationshipsTest.user(prefix);
    }

    private static ApiHarness.Response follow(String from, String to) {
        ApiHarness.Response r = RelationshipsTest.post(from, "/api/v1/accounts/" + id(to) + "/follow");
        ok(r);
        return r;
    }

    private static ApiHarness.Response get(String path, String token) {
        return RelationshipsTest.http.get(path, token);
    }

    private static long followRow(String from, String to) {
        return RelationshipsTest.f.count("SELECT id FROM follows WHERE account_id = " + id(from)
                + " AND target_account_id = " + id(to));
    }

    private static List<String> ids(JsonNode accounts) {
        List<String> out = new ArrayList<>();
        accounts.forEach(a -> out.add(a.get("id").asText()));
        return out;
    }

    @Test
    void followersPageNewestFirstByFollowRowWithLinks() {
        String star = user("star");
        String f1 = user("f");
        String f2 = user("f");
        String f3 = user("f");
        follow(f1, star);
        follow(f2, star);
        follow(f3, star);
        String base = "/api/v1/accounts/" + id(star) + "/followers";

        JsonNode all = ok(get(base, null));
        assertThat(ids(all)).containsExactly(id(f3), id(f2), id(f1));
        assertThat(all.get(0).get("following_count").asInt()).isEqualTo(1);

        ApiHarness.Response page1 = get(base + "?limit=1", null);
        assertThat(ids(ok(page1))).containsExactly(id(f3));
        long row3 = followRow(f3, star);
        assertThat(page1.headers().get("link")).isEqualTo("<https://social.example" + base + "?limit=1&max_id=" + row3
                + ">; rel=\"next\", <https://social.example" + base + "?limit=1&min_id=" + row3 + ">; rel=\"prev\"");

        ApiHarness.Response page2 = get(link(page1, "next"), null);
        assertThat(ids(ok(page2))).containsExactly(id(f2));
        assertThat(link(page2, "next")).isEqualTo(base + "?limit=1&max_id=" + followRow(f2, star));
        assertThat(link(page2, "prev")).isEqualTo(base + "?limit=1&min_id=" + followRow(f2, star));

        ApiHarness.Response page3 = get(link(page2, "next"), null);
        assertThat(ids(ok(page3))).containsExactly(id(f1));
        ApiHarness.Response page4 = get(link(page3, "next"), null);
        assertThat(ok(page4)).isEmpty();
        assertThat(page4.headers()).doesNotContainKey("link");

        // back from page 3: the page right before it, not the newest
        assertThat(ids(ok(get(link(page3, "prev"), null)))).containsExactly(id(f2));
        assertThat(ids(ok(get(link(page2, "prev"), null)))).containsExactly(id(f3));
        assertThat(ok(get(link(page1, "prev"), null))).isEmpty();
        // since_id: newest first above the id
        assertThat(ids(ok(get(base + "?since_id=" + followRow(f1, star), null)))).containsExactly(id(f3), id(f2));
        // a page that is not full has no next link
        ApiHarness.Response big = get(base + "?limit=80", null);
        assertThat(link(big, "next")).isNull();
        assertThat(link(big, "prev")).isEqualTo(base + "?limit=80&min_id=" + row3);
        assertThat(get(base + "?max_id=abc", null).status()).isEqualTo(400);
    }

    @Test
    void followingListsTheAccountsFollowedNewestFirst() {
        String reader = user("reader");
        String w1 = user("w");
        String w2 = user("w");
        follow(reader, w1);
        follow(reader, w2);
        ApiHarness.Response r = get("/api/v1/accounts/" + id(reader) + "/following?limit=1", null);
        assertThat(ids(ok(r))).containsExactly(id(w2));
        assertThat(ids(ok(get(link(r, "next"), null)))).containsExactly(id(w1));
        assertThat(ok(get("/api/v1/accounts/" + id(w1) + "/following", null))).isEmpty();
    }

    @Test
    void familiarFollowersAreAccountsIFollowThatFollowThem() {
        String me = user("me");
        String x = user("x");
        String y = user("y");
        String stranger = user("stranger");
        String target = user("target");
        String other = user("other");
        follow(me, x);
        follow(me, y);
        follow(x, target);
        follow(y, target);
        follow(stranger, target);
        JsonNode r = ok(get("/api/v1/accounts/familiar_followers?id[]=" + id(target) + "&id[]=" + id(other), me));
        assertThat(r).hasSize(2);
        assertThat(r.get(0).get("id").asText()).isEqualTo(id(target));
        assertThat(ids(r.get(0).get("accounts"))).containsExactlyInAnyOrder(id(x), id(y));
        assertThat(r.get(1).get("id").asText()).isEqualTo(id(other));
        assertThat(r.get(1).get("accounts")).isEmpty();
    }

    @Test
    void domainBlocksAreListedAndEndFollowsWithThatDomain() {
        String me = user("me");
        long remote = RelationshipsTest.f.ids.nextId();
        RelationshipsTest.f.exec("INSERT INTO accounts (id, username, domain) VALUES (" + remote + ", 'far', 'Remote.Example')");
        String far = "remote:0:" + remote;
        follow(me, far);
        // a remote account is asked first; its server's Accept makes the follow
        assertThat(RelationshipsTest.account(far).get("followers_count").asInt()).isZero();
        assertThat(RelationshipsTest.f.federatedGraph.followAccepted(Long.parseLong(id(me)), remote)).isTrue();
        assertThat(RelationshipsTest.account(far).get("followers_count").asInt()).isEqualTo(1);

        assertThat(ok(RelationshipsTest.http.form("POST", "/api/v1/domain_blocks", me, "domain=Remote.Example")).toString())
                .isEqualTo("{}");
        RelationshipsTest.http.json("POST", "/api/v1/domain_blocks", me, "{\"domain\":\"b.example\"}");
        ApiHarness.Response list = get("/api/v1/domain_blocks?limit=1", me);
        assertThat(ok(list).toString()).isEqualTo("[\"b.example\"]");
        assertThat(ok(get(link(list, "next"), me)).toString()).isEqualTo("[\"remote.example\"]");

        assertThat(RelationshipsTest.relationship(me, far)).isEqualTo(rel(far, "domain_blocking"));
        assertThat(RelationshipsTest.account(far).get("followers_count").asInt()).isZero();
        ApiHarness.Response again = RelationshipsTest.post(me, "/api/v1/accounts/" + remote + "/follow");
        assertThat(again.status()).isEqualTo(403);
        assertThat(RelationshipsTest.http.form("POST", "/api/v1/domain_blocks", me, "domain=").status()).isEqualTo(422);

        ok(RelationshipsTest.http.form("DELETE", "/api/v1/domain_blocks", me, "domain=remote.example"));
        assertThat(ok(get("/api/v1/domain_blocks", me)).toString()).isEqualTo("[\"b.example\"]");
        assertThat(RelationshipsTest.relationship(me, far)).isEqualTo(rel(far));
    }
}
