package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static social.herd.statuses.impl.Api.ok;
import static social.herd.statuses.impl.FederatedPostsTest.note;
import static social.herd.statuses.impl.FederatedPostsTest.uri;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.events.EventTypes;
import social.herd.api.federation.FederatedStatuses.RemoteNote;
import social.herd.api.federation.FederatedStatuses.RemotePoll;

/**
 * Boosts, favourites and poll votes through FederatedStatuses, and the events local favourites
 * and votes publish for federation to send ({@code Undo Like}, poll answers).
 */
class FederatedInteractionsTest {

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

    static JsonNode status(Object id, Long viewer) {
        return ok(api.get("/api/v1/statuses/" + id, viewer));
    }

    @Test
    void aRemoteBoostIsStoredOnceByItsAnnounceUriAndUndone() {
        long local = f.directory.create("boosted");
        long remote = f.directory.createRemote("booster", "remote.example");
        long other = f.directory.createRemote("otherbooster", "elsewhere.example");
        String post = api.post(local, "boost me").get("id").asText();
        String announce = uri() + "/activity";
        long boost = f.federated.reblog(remote, Long.parseLong(post), announce, Instant.now().minusSeconds(3), "public");
        assertThat(f.federated.reblog(remote, Long.parseLong(post), announce, Instant.now(), "public")).isEqualTo(boost);
        // another Announce of a post already boosted is the same boost
        assertThat(f.federated.reblog(remote, Long.parseLong(post), uri(), Instant.now(), "public")).isEqualTo(boost);
        assertThat(status(post, null).get("reblogs_count").asInt()).isEqualTo(1);
        JsonNode b = status(boost, null);
        assertThat(b.get("uri").asText()).isEqualTo(announce);
        assertThat(b.get("reblog").get("id").asText()).isEqualTo(post);
        assertThat(b.get("account").get("id").asText()).isEqualTo(Long.toString(remote));
        List<JsonNode> created = f.events(EventTypes.STATUS_CREATED, boost);
        assertThat(created).hasSize(1);
        assertThat(created.get(0).get("reblog_of_account_id").asLong()).isEqualTo(local);
        assertThat(ok(api.get("/api/v1/statuses/" + post + "/reblogged_by", null)).findValuesAsText("id"))
                .containsExactly(Long.toString(remote));

        assertThat(f.federated.undoReblog(announce, other)).isFalse();
        assertThat(f.federated.undoReblog(announce, remote)).isTrue();
        assertThat(f.federated.undoReblog(announce, remote)).isFalse();
        assertThat(status(post, null).get("reblogs_count").asInt()).isZero();
        assertThat(api.get("/api/v1/statuses/" + boost, null).status()).isEqualTo(404);
        assertThat(f.events(EventTypes.STATUS_DELETED, boost)).hasSize(1);
    }

    @Test
    void followersOnlyAndDirectPostsOfOthersCannotBeBoosted() {
        long local = f.directory.create("closed");
        long remote = f.directory.createRemote("nosy", "remote.example");
        f.graph.follow(remote, local);
        String priv = api.post(local, "followers only", "&visibility=private").get("id").asText();
        String dm = api.post(local, "hi", "&visibility=direct").get("id").asText();
        assertThatThrownBy(() -> f.federated.reblog(remote, Long.parseLong(priv), uri(), Instant.now(), "public"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.federated.reblog(remote, Long.parseLong(dm), uri(), Instant.now(), "public"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.federated.reblog(remote, Long.MAX_VALUE, uri(), Instant.now(), "public"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(status(priv, local).get("reblogs_count").asInt()).isZero();
        // its own followers-only post an author may boost, to its followers
        f.graph.follow(local, remote);
        long mine = f.federated.create(note(uri(), remote, "<p>mine</p>", "private", null, List.of()));
        long boost = f.federated.reblog(remote, mine, uri(), Instant.now(), "public");
        assertThat(status(boost, local).get("visibility").asText()).isEqualTo("private");
    }

    @Test
    void remoteFavouritesCountOnceAndPublishEvents() {
        long local = f.directory.create("liked");
        long remote = f.directory.createRemote("liker", "remote.example");
        long stranger = f.directory.createRemote("outsider", "remote.example");
        String post = api.post(local, "like me").get("id").asText();
        long id = Long.parseLong(post);
        assertThat(f.federated.favourite(remote, id)).isTrue();
        assertThat(f.federated.favourite(remote, id)).isFalse();
        assertThat(status(post, null).get("favourites_count").asInt()).isEqualTo(1);
        assertThat(ok(api.get("/api/v1/statuses/" + post + "/favourited_by", null)).findValuesAsText("id"))
                .containsExactly(Long.toString(remote));
        List<JsonNode> favourited = f.events(EventTypes.STATUS_FAVOURITED, id);
        assertThat(favourited).hasSize(1);
        assertThat(favourited.get(0).get("account_id").asLong()).isEqualTo(remote);
        assertThat(favourited.get(0).get("status_account_id").asLong()).isEqualTo(local);

        assertThat(f.federated.unfavourite(stranger, id)).isFalse();
        assertThat(f.federated.unfavourite(remote, id)).isTrue();
        assertThat(f.federated.unfavourite(remote, id)).isFalse();
        assertThat(status(post, null).get("favourites_count").asInt()).isZero();
        List<JsonNode> withdrawn = f.events(EventTypes.STATUS_UNFAVOURITED, id);
        assertThat(withdrawn).hasSize(1);
        assertThat(withdrawn.get(0).get("account_id").asLong()).isEqualTo(remote);

        // a followers-only post is not for everyone to favourite
        String priv = api.post(local, "followers only", "&visibility=private").get("id").asText();
        assertThat(f.federated.favourite(stranger, Long.parseLong(priv))).isFalse();
        f.graph.follow(stranger, local);
        assertThat(f.federated.favourite(stranger, Long.parseLong(priv))).isTrue();
    }

    @Test
    void aLocalUnfavouritePublishesStatusUnfavourited() {
        long local = f.directory.create("fickle");
        long remote = f.directory.createRemote("farposter", "remote.example");
        long id = f.federated.create(note(uri(), remote, "<p>nice</p>", "public", null, List.of()));
        ok(api.action(local, Long.toString(id), "favourite"));
        assertThat(status(id, null).get("favourites_count").asInt()).isEqualTo(1);
        ok(api.action(local, Long.toString(id), "unfavourite"));
        ok(api.action(local, Long.toString(id), "unfavourite")); // nothing to withdraw: no event
        assertThat(status(id, null).get("favourites_count").asInt()).isZero();
        List<JsonNode> withdrawn = f.events(EventTypes.STATUS_UNFAVOURITED, id);
        assertThat(withdrawn).hasSize(1);
        assertThat(withdrawn.get(0).get("account_id").asLong()).isEqualTo(local);
        assertThat(withdrawn.get(0).get("status_account_id").asLong()).isEqualTo(remote);
    }

    @Test
    void localVotesPublishPollVotedAndRemotePollsShowReportedCounts() {
        long voter = f.directory.create("remotevoter");
        long remote = f.directory.createRemote("pollster", "remote.example");
        String uri = uri();
        RemotePoll poll = new RemotePoll(List.of("tea", "coffee"), List.of(5, 3), false,
                Instant.now().plusSeconds(3600), 8);
        long id = f.federated.create(new RemoteNote(uri, null, remote, "<p>Tea?</p>", "", false, "public", null, null,
                Instant.now(), null, null, null, null, poll, null));
        JsonNode p = status(id, voter).get("poll");
        assertThat(p.get("votes_count").asInt()).isEqualTo(8);
        assertThat(p.get("options").get(0).get("votes_count").asInt()).isEqualTo(5);
        assertThat(p.get("voted").asBoolean()).isFalse();

        JsonNode after = ok(api.http.form("POST", "/api/v1/polls/" + p.get("id").asText() + "/votes", Http.token(voter),
                "choices[]=1"));
        // the vote shows at once, on top of what the poll's server reported
        assertThat(after.get("options").get(1).get("votes_count").asInt()).isEqualTo(4);
        assertThat(after.get("own_votes").get(0).asInt()).isEqualTo(1);
        List<JsonNode> voted = f.events(EventTypes.POLL_VOTED, id);
        assertThat(voted).hasSize(1);
        assertThat(voted.get(0).get("account_id").asLong()).isEqualTo(voter);
        assertThat(voted.get(0).get("status_account_id").asLong()).isEqualTo(remote);
        assertThat(voted.get(0).get("choices").get(0).asInt()).isEqualTo(1);

        // the server's next report includes the vote: counted once; new counts are no edit
        RemotePoll counted = new RemotePoll(List.of("tea", "coffee"), List.of(6, 4), false, poll.expiresAt(), 10);
        assertThat(f.federated.update(new RemoteNote(uri, null, remote, "<p>Tea?</p>", "", false, "public", null, null,
                Instant.now(), null, null, null, null, counted, null))).isTrue();
        p = status(id, voter).get("poll");
        assertThat(p.get("votes_count").asInt()).isEqualTo(10);
        assertThat(p.get("options").get(1).get("votes_count").asInt()).isEqualTo(4);
        assertThat(p.get("voted").asBoolean()).isTrue();
        assertThat(ok(api.get("/api/v1/statuses/" + id + "/history", null))).hasSize(1);
        assertThat(f.events(EventTypes.STATUS_UPDATED, id)).isEmpty();
        // a remote account's vote in a remote poll is its server's business
        assertThat(f.federated.vote(f.directory.createRemote("x", "remote.example"), id, List.of(0))).isFalse();
    }

    @Test
    void aLocalVoteInALocalPollPublishesPollVoted() {
        long author = f.directory.create("localpoll");
        long voter = f.directory.create("localvoter");
        JsonNode s = api.post(author, "Cats?", "&poll[options][]=yes&poll[options][]=no&poll[expires_in]=300");
        ok(api.http.form("POST", "/api/v1/polls/" + s.get("poll").get("id").asText() + "/votes", Http.token(voter),
                "choices[]=0"));
        List<JsonNode> voted = f.events(EventTypes.POLL_VOTED, s.get("id").asLong());
        assertThat(voted).hasSize(1);
        assertThat(voted.get(0).get("account_id").asLong()).isEqualTo(voter);
        assertThat(voted.get(0).get("status_account_id").asLong()).isEqualTo(author);
        assertThat(voted.get(0).get("choices").get(0).asInt()).isZero();
    }

    @Test
    void remoteVotesCountInLocalPolls() {
        long author = f.directory.create("asker");
        long remote = f.directory.createRemote("answerer", "remote.example");
        long late = f.directory.createRemote("late", "remote.example");
        JsonNode s = api.post(author, "Dogs?", "&poll[options][]=yes&poll[options][]=no&poll[expires_in]=300");
        long id = s.get("id").asLong();
        assertThat(f.federated.vote(remote, id, List.of(0, 1))).isFalse(); // one choice only
        assertThat(f.federated.vote(remote, id, List.of(2))).isFalse();
        assertThat(f.federated.vote(author, id, List.of(0))).isFalse();
        assertThat(f.federated.vote(remote, id, List.of(1))).isTrue();
        assertThat(f.federated.vote(remote, id, List.of(0))).isFalse();
        JsonNode p = status(id, author).get("poll");
        assertThat(p.get("votes_count").asInt()).isEqualTo(1);
        assertThat(p.get("options").get(1).get("votes_count").asInt()).isEqualTo(1);
        assertThat(f.events(EventTypes.POLL_VOTED, id)).hasSize(1);
        // closed: no more votes
        f.exec("UPDATE polls SET expires_at = now() - interval '1 second' WHERE status_id = " + id);
        assertThat(f.federated.vote(late, id, List.of(0))).isFalse();
        assertThat(status(id, author).get("poll").get("votes_count").asInt()).isEqualTo(1);
        // a post without a poll
        assertThat(f.federated.vote(remote, api.post(author, "no poll").get("id").asLong(), List.of(0))).isFalse();
    }
}
