package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.accounts.impl.Remote.actor;
import static social.herd.accounts.impl.Remote.events;
import static social.herd.accounts.impl.RemoteAccountsTest.id;
import static social.herd.accounts.impl.RemoteAccountsTest.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.auth.Role;
import social.herd.api.events.EventTypes;
import social.herd.api.federation.FederatedGraph.FollowOutcome;
import social.herd.web.testing.ApiHarness;

/**
 * Relationship changes from other servers (FederatedGraph), and local follows of remote accounts,
 * seen through the client API on a real PostgreSQL.
 */
class FederatedGraphTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;
    static final AtomicInteger NAMES = new AtomicInteger();

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        http = Api.harness(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static String local(String prefix) {
        return f.userToken(prefix + NAMES.incrementAndGet());
    }

    /** A stored remote actor on its own domain; its id. */
    static long remote(String name) {
        return f.remoteAccounts.upsert(actor(name, "fed" + NAMES.incrementAndGet() + ".example"));
    }

    static String domainOf(long remote) {
        return f.remoteAccounts.byId(remote).orElseThrow().actor().domain();
    }

    static JsonNode account(long id) {
        return ok(http.get("/api/v1/accounts/" + id, null));
    }

    static JsonNode relationship(String token, long other) {
        return ok(http.get("/api/v1/accounts/relationships?id[]=" + other, token)).get(0);
    }

    static ApiHarness.Response post(String token, String path) {
        return http.form("POST", path, token, "");
    }

    @Test
    void aRemoteFollowOfAnUnlockedAccountHoldsAtOnceAndAResentFollowAnswersTheSame() {
        String me = local("open");
        long fan = remote("fan");
        assertThat(f.federatedGraph.remoteFollow(fan, id(me), "https://x/follows/1")).isEqualTo(FollowOutcome.FOLLOWING);
        assertThat(account(id(me)).get("followers_count").asInt()).isEqualTo(1);
        assertThat(account(fan).get("following_count").asInt()).isEqualTo(1);
        JsonNode followers = ok(http.get("/api/v1/accounts/" + id(me) + "/followers", me));
        assertThat(followers).hasSize(1);
        assertThat(followers.get(0).get("acct").asText()).isEqualTo("fan@" + domainOf(fan));
        assertThat(relationship(me, fan).get("followed_by").asBoolean()).isTrue();
        assertThat(f.federatedGraph.followActivityUri(fan, id(me))).contains("https://x/follows/1");
        assertThat(events(f, EventTypes.ACCOUNT_FOLLOWED, fan, id(me))).isEqualTo(1);

        // the remote server missed our Accept and sends Follow again
        assertThat(f.federatedGraph.remoteFollow(fan, id(me), "https://x/follows/2")).isEqualTo(FollowOutcome.FOLLOWING);
        assertThat(f.federatedGraph.followActivityUri(fan, id(me))).contains("https://x/follows/2");
        assertThat(account(id(me)).get("followers_count").asInt()).isEqualTo(1);
        assertThat(events(f, EventTypes.ACCOUNT_FOLLOWED, fan, id(me))).isEqualTo(1);

        // Undo Follow
        assertThat(f.federatedGraph.remoteUnfollow(fan, id(me))).isTrue();
        assertThat(f.federatedGraph.remoteUnfollow(fan, id(me))).isFalse();
        assertThat(account(id(me)).get("followers_count").asInt()).isZero();
        assertThat(events(f, EventTypes.ACCOUNT_UNFOLLOWED, fan, id(me))).isEqualTo(1);
        assertThat(f.federatedGraph.followActivityUri(fan, id(me))).isEmpty();
    }

    @Test
    void aRemoteFollowOfALockedAccountWaitsForTheUser() {
        String me = local("locked");
        f.exec("UPDATE accounts SET locked = true WHERE id = " + id(me));
        long asker = remote("asker");
        long other = remote("other");
        assertThat(f.federatedGraph.remoteFollow(asker, id(me), "https://x/f/1")).isEqualTo(FollowOutcome.REQUESTED);
        assertThat(f.federatedGraph.remoteFollow(asker, id(me), "https://x/f/2")).isEqualTo(FollowOutcome.REQUESTED);
        assertThat(f.federatedGraph.remoteFollow(other, id(me), "https://x/f/3")).isEqualTo(FollowOutcome.REQUESTED);
        assertThat(events(f, EventTypes.FOLLOW_REQUESTED, asker, id(me))).isEqualTo(1);
        JsonNode requests = ok(http.get("/api/v1/follow_requests", me));
        assertThat(requests).hasSize(2);
        assertThat(requests.findValuesAsText("acct")).contains("asker@" + domainOf(asker));
        assertThat(account(id(me)).get("followers_count").asInt()).isZero();

        // authorised: a follow, with the Follow's id kept for the Accept
        assertThat(ok(post(me, "/api/v1/follow_requests/" + asker + "/authorize")).get("followed_by").asBoolean()).isTrue();
        assertThat(events(f, EventTypes.ACCOUNT_FOLLOWED, asker, id(me))).isEqualTo(1);
        assertThat(f.federatedGraph.followActivityUri(asker, id(me))).contains("https://x/f/2");
        assertThat(account(id(me)).get("followers_count").asInt()).isEqualTo(1);
        assertThat(f.federatedGraph.remoteFollowers(id(me), 0, 10)).containsExactly(asker);

        // rejected: gone, and the Reject can name the Follow
        ok(post(me, "/api/v1/follow_requests/" + other + "/reject"));
        assertThat(ok(http.get("/api/v1/follow_requests", me))).isEmpty();
        assertThat(events(f, EventTypes.FOLLOW_REJECTED, other, id(me))).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM herd_jobs WHERE payload LIKE '%\"follow_uri\":\"https://x/f/3\"%'"
                + " AND payload LIKE '%account.follow_rejected%'")).isEqualTo(1);

        // removing a follower rejects it too
        ok(post(me, "/api/v1/accounts/" + asker + "/remove_from_followers"));
        assertThat(events(f, EventTypes.FOLLOW_REJECTED, asker, id(me))).isEqualTo(1);
        assertThat(events(f, EventTypes.ACCOUNT_UNFOLLOWED, asker, id(me))).isEqualTo(1);
        assertThat(account(id(me)).get("followers_count").asInt()).isZero();
    }

    @Test
    void followsAreRefusedForRemoteTargetsSuspendedAccountsAndBlocks() {
        long fan = remote("fan");
        long remoteTarget = remote("elsewhere");
        assertThat(f.federatedGraph.remoteFollow(fan, remoteTarget, "u")).isEqualTo(FollowOutcome.REFUSED);
        assertThat(f.federatedGraph.remoteFollow(fan, 99999L, "u")).isEqualTo(FollowOutcome.REFUSED);

        String suspended = local("susp");
        f.exec("UPDATE accounts SET suspended_at = now() WHERE id = " + id(suspended));
        assertThat(f.federatedGraph.remoteFollow(fan, id(suspended), "u")).isEqualTo(FollowOutcome.REFUSED);

        String blocker = local("blocker");
        ok(post(blocker, "/api/v1/accounts/" + fan + "/block"));
        assertThat(f.federatedGraph.remoteFollow(fan, id(blocker), "u")).isEqualTo(FollowOutcome.REFUSED);

        String domainBlocker = local("dblocker");
        ok(http.form("POST", "/api/v1/domain_blocks", domainBlocker, "domain=" + domainOf(fan)));
        assertThat(f.federatedGraph.remoteFollow(fan, id(domainBlocker), "u")).isEqualTo(FollowOutcome.REFUSED);

        assertThat(f.count("SELECT count(*) FROM follows WHERE account_id = " + fan)).isZero();
        assertThat(f.count("SELECT count(*) FROM follow_requests WHERE account_id = " + fan)).isZero();
        // a local account is never the follower of an incoming Follow
        String local = local("notremote");
        assertThat(f.federatedGraph.remoteFollow(id(local), id(blocker), "u")).isEqualTo(FollowOutcome.REFUSED);
    }

    @Test
    void aLocalFollowOfARemoteAccountIsRequestedUntilAccepted() {
        String me = local("follower");
        long unlocked = remote("unlocked");
        JsonNode r = ok(post(me, "/api/v1/accounts/" + unlocked + "/follow"));
        assertThat(r.get("requested").asBoolean()).as("even an unlocked remote account is asked").isTrue();
        assertThat(r.get("following").asBoolean()).isFalse();
        assertThat(events(f, EventTypes.FOLLOW_REQUESTED, id(me), unlocked)).isEqualTo(1);
        assertThat(events(f, EventTypes.ACCOUNT_FOLLOWED, id(me), unlocked)).isZero();
        assertThat(account(id(me)).get("following_count").asInt()).isZero();
        // following again only changes options, no second request event
        ok(http.form("POST", "/api/v1/accounts/" + unlocked + "/follow", me, "notify=true"));
        assertThat(events(f, EventTypes.FOLLOW_REQUESTED, id(me), unlocked)).isEqualTo(1);
        // Accept from some other remote account's server changes nothing; neither does one for a local target
        assertThat(f.federatedGraph.followAccepted(id(me), remote("stranger"))).isFalse();

        assertThat(f.federatedGraph.followAccepted(id(me), unlocked)).isTrue();
        assertThat(f.federatedGraph.followAccepted(id(me), unlocked)).isFalse();
        JsonNode after = relationship(me, unlocked);
        assertThat(after.get("following").asBoolean()).isTrue();
        assertThat(after.get("requested").asBoolean()).isFalse();
        assertThat(after.get("notifying").asBoolean()).isTrue();
        assertThat(events(f, EventTypes.ACCOUNT_FOLLOWED, id(me), unlocked)).isEqualTo(1);
        assertThat(account(id(me)).get("following_count").asInt()).isEqualTo(1);
        assertThat(account(unlocked).get("followers_count").asInt()).isEqualTo(1);
        JsonNode following = ok(http.get("/api/v1/accounts/" + id(me) + "/following", me));
        assertThat(following.get(0).get("acct").asText()).isEqualTo("unlocked@" + domainOf(unlocked));

        // Reject after Accept: the follow ends
        assertThat(f.federatedGraph.followRejected(id(me), unlocked)).isTrue();
        assertThat(f.federatedGraph.followRejected(id(me), unlocked)).isFalse();
        assertThat(relationship(me, unlocked).get("following").asBoolean()).isFalse();
        assertThat(account(id(me)).get("following_count").asInt()).isZero();
    }

    @Test
    void withdrawingARequestToARemoteAccountPublishesUnfollowAndARejectedRequestGoes() {
        String me = local("withdrawer");
        long them = remote("them");
        ok(post(me, "/api/v1/accounts/" + them + "/follow"));
        JsonNode r = ok(post(me, "/api/v1/accounts/" + them + "/unfollow"));
        assertThat(r.get("requested").asBoolean()).isFalse();
        assertThat(events(f, EventTypes.ACCOUNT_UNFOLLOWED, id(me), them)).isEqualTo(1);

        ok(post(me, "/api/v1/accounts/" + them + "/follow"));
        assertThat(f.federatedGraph.followRejected(id(me), them)).isTrue();
        assertThat(relationship(me, them).get("requested").asBoolean()).isFalse();
        assertThat(f.count("SELECT count(*) FROM follow_requests WHERE account_id = " + id(me))).isZero();
    }

    @Test
    void aRemoteBlockEndsFollowsBothWaysUntilUndone() {
        String me = local("blocked");
        long blocker = remote("blocker");
        ok(post(me, "/api/v1/accounts/" + blocker + "/follow"));
        assertThat(f.federatedGraph.followAccepted(id(me), blocker)).isTrue();
        assertThat(f.federatedGraph.remoteFollow(blocker, id(me), "f1")).isEqualTo(FollowOutcome.FOLLOWING);
        assertThat(account(id(me)).get("followers_count").asInt()).isEqualTo(1);

        f.federatedGraph.remoteBlock(blocker, id(me));
        f.federatedGraph.remoteBlock(blocker, id(me));
        JsonNode rel = relationship(me, blocker);
        assertThat(rel.get("blocked_by").asBoolean()).isTrue();
        assertThat(rel.get("following").asBoolean()).isFalse();
        assertThat(rel.get("followed_by").asBoolean()).isFalse();
        assertThat(account(id(me)).get("followers_count").asInt()).isZero();
        assertThat(account(id(me)).get("following_count").asInt()).isZero();
        assertThat(events(f, EventTypes.ACCOUNT_BLOCKED, blocker, id(me))).isEqualTo(1);
        assertThat(post(me, "/api/v1/accounts/" + blocker + "/follow").status()).isEqualTo(403);
        assertThat(f.federatedGraph.remoteFollow(blocker, id(me), "f2")).isEqualTo(FollowOutcome.REFUSED);

        f.federatedGraph.remoteUnblock(blocker, id(me));
        f.federatedGraph.remoteUnblock(blocker, id(me));
        assertThat(events(f, EventTypes.ACCOUNT_UNBLOCKED, blocker, id(me))).isEqualTo(1);
        assertThat(relationship(me, blocker).get("blocked_by").asBoolean()).isFalse();
        assertThat(f.federatedGraph.remoteFollow(blocker, id(me), "f3")).isEqualTo(FollowOutcome.FOLLOWING);
    }

    @Test
    void remoteFollowersArePagedByIdAndLeaveOutLocalAndSuspendedOnes() {
        String me = local("popular");
        String localFan = local("localfan");
        ok(post(localFan, "/api/v1/accounts/" + id(me) + "/follow"));
        List<Long> fans = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long fan = remote("fan");
            fans.add(fan);
            f.federatedGraph.remoteFollow(fan, id(me), "f" + i);
        }
        f.remoteAccounts.deleted(fans.get(4));
        List<Long> sorted = fans.subList(0, 4).stream().sorted().toList();
        List<Long> first = f.federatedGraph.remoteFollowers(id(me), 0, 3);
        assertThat(first).isEqualTo(sorted.subList(0, 3));
        assertThat(f.federatedGraph.remoteFollowers(id(me), first.get(2), 3)).isEqualTo(sorted.subList(3, 4));
        assertThat(f.federatedGraph.remoteFollowers(id(me), sorted.get(3), 3)).isEmpty();
    }
}
