package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.error;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.link;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.statuses.impl.lists.ListCleanup;
import social.herd.web.testing.ApiHarness;

/** Lists: CRUD, members, the list timeline with its replies policy, exclusive lists and the home rules. */
class ListsTest {

    static Fixture f;
    static Api api;

    @BeforeAll
    static void start() {
        f = new Fixture();
        api = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static JsonNode create(long owner, String form) {
        return ok(api.http.form("POST", "/api/v1/lists", Http.token(owner), form));
    }

    static ApiHarness.Response addMembers(long owner, String list, long... accounts) {
        StringBuilder form = new StringBuilder();
        for (long a : accounts) form.append(form.isEmpty() ? "" : "&").append("account_ids[]=").append(a);
        return api.http.form("POST", "/api/v1/lists/" + list + "/accounts", Http.token(owner), form.toString());
    }

    @Test
    void listsAreCreatedReadUpdatedAndDeletedByTheirOwnerOnly() {
        long owner = f.directory.create("lowner");
        long other = f.directory.create("lother");
        JsonNode list = create(owner, "title=Friends");
        assertThat(list.get("title").asText()).isEqualTo("Friends");
        assertThat(list.get("replies_policy").asText()).isEqualTo("list");
        assertThat(list.get("exclusive").asBoolean()).isFalse();
        String id = list.get("id").asText();
        JsonNode json = ok(api.http.json("POST", "/api/v1/lists", Http.token(owner),
                "{\"title\":\"Work\",\"replies_policy\":\"none\",\"exclusive\":true}"));
        assertThat(json.get("replies_policy").asText()).isEqualTo("none");
        assertThat(json.get("exclusive").asBoolean()).isTrue();

        assertThat(ids(ok(api.get("/api/v1/lists", owner)))).containsExactly(id, json.get("id").asText());
        assertThat(ok(api.get("/api/v1/lists/" + id, owner)).get("title").asText()).isEqualTo("Friends");
        JsonNode changed = ok(api.http.form("PUT", "/api/v1/lists/" + id, Http.token(owner), "title=Pals&replies_policy=followed"));
        assertThat(changed.get("title").asText()).isEqualTo("Pals");
        assertThat(changed.get("replies_policy").asText()).isEqualTo("followed");

        assertThat(error(api.http.form("POST", "/api/v1/lists", Http.token(owner), "title=+"), 422)).contains("Title");
        assertThat(error(api.http.form("POST", "/api/v1/lists", Http.token(owner), "title=x&replies_policy=all"), 422))
                .contains("Replies policy");
        // someone else's list does not exist for you
        assertThat(api.get("/api/v1/lists/" + id, other).status()).isEqualTo(404);
        assertThat(api.http.form("PUT", "/api/v1/lists/" + id, Http.token(other), "title=mine").status()).isEqualTo(404);
        assertThat(api.http.send("DELETE", "/api/v1/lists/" + id, Http.token(other), null, null).status()).isEqualTo(404);
        assertThat(ok(api.get("/api/v1/lists", other))).isEmpty();
        // scopes
        assertThat(api.http.get("/api/v1/lists", "scoped:1:" + owner + ":read:statuses").status()).isEqualTo(403);
        assertThat(api.http.get("/api/v1/lists", "scoped:1:" + owner + ":read:lists").status()).isEqualTo(200);
        assertThat(api.http.form("POST", "/api/v1/lists", "scoped:1:" + owner + ":read:lists", "title=x").status()).isEqualTo(403);

        ok(api.http.send("DELETE", "/api/v1/lists/" + id, Http.token(owner), null, null));
        assertThat(api.get("/api/v1/lists/" + id, owner).status()).isEqualTo(404);
    }

    @Test
    void onlyFollowedAccountsJoinAndMembersPage() {
        long owner = f.directory.create("mowner");
        String list = create(owner, "title=Members").get("id").asText();
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long a = f.directory.create("member");
            f.graph.follow(owner, a);
            members.add(a);
        }
        long unfollowed = f.directory.create("unfollowed");
        ok(addMembers(owner, list, members.get(0), members.get(1), members.get(2)));
        ok(api.http.json("POST", "/api/v1/lists/" + list + "/accounts", Http.token(owner),
                "{\"account_ids\":[\"" + members.get(3) + "\",\"" + members.get(4) + "\"]}"));
        assertThat(error(addMembers(owner, list, unfollowed), 422)).contains("not followed");
        assertThat(addMembers(owner, list, 987654321L).status()).isEqualTo(404);
        assertThat(error(addMembers(owner, list, members.get(0)), 422)).contains("already");

        List<String> newest = members.stream().sorted(java.util.Comparator.reverseOrder()).map(String::valueOf).toList();
        ApiHarness.Response p1 = api.get("/api/v1/lists/" + list + "/accounts?limit=2", owner);
        assertThat(ids(ok(p1))).isEqualTo(newest.subList(0, 2));
        assertThat(ids(ok(api.get(link(p1, "next"), owner)))).isEqualTo(newest.subList(2, 4));
        assertThat(ids(ok(api.get("/api/v1/lists/" + list + "/accounts?limit=0", owner)))).isEqualTo(newest);
        assertThat(api.get("/api/v1/lists/" + list + "/accounts?limit=0", owner).headers()).doesNotContainKey("link");

        assertThat(ids(ok(api.get("/api/v1/accounts/" + members.get(0) + "/lists", owner)))).containsExactly(list);
        assertThat(ok(api.get("/api/v1/accounts/" + unfollowed + "/lists", owner))).isEmpty();

        ok(api.http.send("DELETE", "/api/v1/lists/" + list + "/accounts?account_ids[]=" + members.get(0), Http.token(owner),
                null, null));
        assertThat(ids(ok(api.get("/api/v1/lists/" + list + "/accounts?limit=0", owner)))).hasSize(4);

        // an unfollow takes the account out of the follower's lists
        new ListCleanup(f.db).on(new Event(EventTypes.ACCOUNT_UNFOLLOWED, Map.of("account_id", owner, "target_id", members.get(1))));
        assertThat(ids(ok(api.get("/api/v1/lists/" + list + "/accounts?limit=0", owner)))).hasSize(3)
                .doesNotContain(String.valueOf(members.get(1)));
    }

    @Test
    void theListTimelineFollowsItsRepliesPolicy() {
        long owner = f.directory.create("towner");
        long member = f.directory.create("tmember");
        long fellow = f.directory.create("tfellow");
        long followedOnly = f.directory.create("tfollowed");
        long stranger = f.directory.create("tstranger");
        for (long a : new long[] {member, fellow, followedOnly}) f.graph.follow(owner, a);
        String list = create(owner, "title=Policy").get("id").asText();
        ok(addMembers(owner, list, member, fellow));
        String strangerPost = api.post(stranger, "hello").get("id").asText();
        String fellowPost = api.post(fellow, "fellow").get("id").asText();
        String followedPost = api.post(followedOnly, "followed").get("id").asText();
        String ownerPost = api.post(owner, "mine").get("id").asText();
        String plain = api.post(member, "plain").get("id").asText();
        String toFellow = api.post(member, "to fellow", "&in_reply_to_id=" + fellowPost).get("id").asText();
        String toFollowed = api.post(member, "to followed", "&in_reply_to_id=" + followedPost).get("id").asText();
        String toStranger = api.post(member, "to stranger", "&in_reply_to_id=" + strangerPost).get("id").asText();
        String toOwner = api.post(member, "to owner", "&in_reply_to_id=" + ownerPost).get("id").asText();
        String thread = api.post(member, "thread", "&in_reply_to_id=" + plain).get("id").asText();

        String path = "/api/v1/timelines/list/" + list;
        assertThat(ids(ok(api.get(path, owner)))).containsExactly(thread, toOwner, toFellow, plain, fellowPost);
        ok(api.http.form("PUT", "/api/v1/lists/" + list, Http.token(owner), "replies_policy=followed"));
        assertThat(ids(ok(api.get(path, owner)))).containsExactly(thread, toOwner, toFollowed, toFellow, plain, fellowPost);
        ok(api.http.form("PUT", "/api/v1/lists/" + list, Http.token(owner), "replies_policy=none"));
        assertThat(ids(ok(api.get(path, owner)))).containsExactly(thread, toOwner, plain, fellowPost);
        assertThat(ids(ok(api.get(path + "?limit=2", owner)))).containsExactly(thread, toOwner);
        assertThat(api.get(path, stranger).status()).isEqualTo(404);
        // a member no longer followed drops out of the list timeline at once
        f.graph.follows.remove(List.of(owner, member));
        assertThat(ids(ok(api.get(path, owner)))).containsExactly(fellowPost);
    }

    @Test
    void exclusiveListsTakeTheirMembersOutOfHomeAndHomeHidesRepliesToStrangers() {
        long owner = f.directory.create("xowner");
        long member = f.directory.create("xmember");
        long friend = f.directory.create("xfriend");
        long stranger = f.directory.create("xstranger");
        f.graph.follow(owner, member);
        f.graph.follow(owner, friend);
        String byMember = api.post(member, "member post").get("id").asText();
        String byFriend = api.post(friend, "friend post").get("id").asText();
        String strangerPost = api.post(stranger, "stranger").get("id").asText();
        String replyToStranger = api.post(friend, "reply to stranger", "&in_reply_to_id=" + strangerPost).get("id").asText();
        String replyToMember = api.post(friend, "reply to member", "&in_reply_to_id=" + byMember).get("id").asText();
        String ownPost = api.post(owner, "own").get("id").asText();
        String replyToOwner = api.post(stranger, "to owner", "&in_reply_to_id=" + ownPost).get("id").asText();
        assertThat(replyToOwner).isNotNull();

        // Mastodon's home: a reply shows when it answers the viewer or someone the viewer follows
        assertThat(ids(ok(api.get("/api/v1/timelines/home", owner)))).containsExactly(ownPost, replyToMember, byFriend, byMember);

        String list = create(owner, "title=Quiet&exclusive=true").get("id").asText();
        ok(addMembers(owner, list, member));
        assertThat(ids(ok(api.get("/api/v1/timelines/home", owner)))).containsExactly(ownPost, replyToMember, byFriend);
        assertThat(ids(ok(api.get("/api/v1/timelines/list/" + list, owner)))).containsExactly(byMember);
        ok(api.http.form("PUT", "/api/v1/lists/" + list, Http.token(owner), "exclusive=false"));
        assertThat(ids(ok(api.get("/api/v1/timelines/home", owner)))).containsExactly(ownPost, replyToMember, byFriend, byMember);
        assertThat(replyToStranger).isNotIn(ids(ok(api.get("/api/v1/timelines/home", owner))));
    }
}
