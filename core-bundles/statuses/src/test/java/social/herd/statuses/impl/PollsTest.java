package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.error;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.web.testing.ApiHarness;

/** Polls: creating (form and JSON), the Poll entity, voting rules, hide_totals, visibility, edits. */
class PollsTest {

    static final String TWO = "&poll[options][]=yes&poll[options][]=no&poll[expires_in]=600";

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

    static String pollId(JsonNode status) {
        return status.get("poll").get("id").asText();
    }

    ApiHarness.Response vote(long account, String pollId, String choices) {
        return api.http.form("POST", "/api/v1/polls/" + pollId + "/votes", Http.token(account), choices);
    }

    @Test
    void aPollFromAFormIsPartOfTheStatus() {
        long a = f.directory.create("asker");
        Instant before = Instant.now();
        JsonNode s = api.post(a, "Tea or coffee?", TWO);
        JsonNode poll = s.get("poll");
        assertThat(poll.get("id").asText()).matches("[0-9]+");
        assertThat(poll.get("expired").asBoolean()).isFalse();
        assertThat(poll.get("multiple").asBoolean()).isFalse();
        assertThat(poll.get("votes_count").asInt()).isZero();
        assertThat(poll.get("voters_count").isNull()).isTrue();
        assertThat(poll.get("options")).hasSize(2);
        assertThat(poll.get("options").get(0).get("title").asText()).isEqualTo("yes");
        assertThat(poll.get("options").get(1).get("title").asText()).isEqualTo("no");
        assertThat(poll.get("options").get(0).get("votes_count").asInt()).isZero();
        assertThat(poll.get("emojis")).isEmpty();
        // the author counts as having voted (Mastodon: clients show the results, not buttons)
        assertThat(poll.get("voted").asBoolean()).isTrue();
        assertThat(poll.get("own_votes")).isEmpty();
        Instant expires = Instant.parse(poll.get("expires_at").asText());
        assertThat(expires).isBetween(before.plusSeconds(599), Instant.now().plusSeconds(601));
        // logged out: no viewer fields; the same poll through /api/v1/polls
        JsonNode anonymous = ok(api.get("/api/v1/polls/" + pollId(s), null));
        assertThat(anonymous.has("voted")).isFalse();
        assertThat(anonymous.has("own_votes")).isFalse();
        assertThat(anonymous.get("options").get(1).get("title").asText()).isEqualTo("no");
        assertThat(ok(api.get("/api/v1/statuses/" + s.get("id").asText(), null)).get("poll").get("id").asText())
                .isEqualTo(pollId(s));
        assertThat(api.post(a, "no poll").get("poll").isNull()).isTrue();
    }

    @Test
    void aPollFromJson() {
        long a = f.directory.create("json");
        JsonNode s = ok(api.http.json("POST", "/api/v1/statuses", Http.token(a),
                "{\"status\":\"Pick\",\"poll\":{\"options\":[\"x\",\"y\",\"z\"],\"expires_in\":3600,\"multiple\":true,"
                        + "\"hide_totals\":false}}"));
        JsonNode poll = s.get("poll");
        assertThat(poll.get("multiple").asBoolean()).isTrue();
        assertThat(poll.get("voters_count").asInt()).isZero();
        assertThat(poll.get("options")).hasSize(3);
        assertThat(poll.get("options").get(2).get("title").asText()).isEqualTo("z");
    }

    @Test
    void invalidPollsAreRefusedAndNothingIsStored() {
        long a = f.directory.create("bad");
        assertThat(error(api.postForm(a, "status=q&poll[options][]=only&poll[expires_in]=600"), 422))
                .isEqualTo("Validation failed: Poll options must have more than one item");
        assertThat(error(api.postForm(a, "status=q&poll[options][]=1&poll[options][]=2&poll[options][]=3&poll[options][]=4"
                + "&poll[options][]=5&poll[expires_in]=600"), 422)).isEqualTo("Validation failed: Poll options can't contain more than 4 items");
        assertThat(error(api.postForm(a, "status=q&poll[options][]=" + "o".repeat(51) + "&poll[options][]=b&poll[expires_in]=600"),
                422)).isEqualTo("Validation failed: Poll options cannot be longer than 50 characters each");
        assertThat(api.postForm(a, "status=q&poll[options][]=" + "o".repeat(50) + "&poll[options][]=b&poll[expires_in]=600")
                .status()).isEqualTo(200);
        assertThat(error(api.postForm(a, "status=q&poll[options][]=a&poll[options][]=b&poll[expires_in]=299"), 422))
                .isEqualTo("Validation failed: Poll expires at is too soon");
        assertThat(error(api.postForm(a, "status=q&poll[options][]=a&poll[options][]=b&poll[expires_in]="
                + (Duration.ofDays(30).toSeconds() + 1)), 422)).isEqualTo("Validation failed: Poll expires at is too far into the future");
        assertThat(api.postForm(a, "status=q&poll[options][]=a&poll[options][]=b&poll[expires_in]="
                + Duration.ofDays(30).toSeconds()).status()).isEqualTo(200);
        assertThat(error(api.postForm(a, "status=q&poll[options][]=a&poll[options][]=a&poll[expires_in]=600"), 422))
                .isEqualTo("Validation failed: Poll options contain duplicate items");
        PostingTest.Media media = new PostingTest.Media();
        f.views.setMedia(media);
        try {
            assertThat(error(api.postForm(a, "status=q&media_ids[]=5" + TWO), 422))
                    .isEqualTo("Validation failed: A post cannot have both media and a poll");
            assertThat(media.attached).isEmpty();
        } finally {
            f.views.unsetMedia(media);
        }
        assertThat(f.count("SELECT count(*) FROM polls WHERE account_id = " + a)).isEqualTo(2);
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + a)).isEqualTo(2);
    }

    @Test
    void singleChoiceVotingOnceAndNotOnOnesOwnPoll() {
        long a = f.directory.create("single");
        long bob = f.directory.create("bob");
        String poll = pollId(api.post(a, "Which?", TWO));
        JsonNode after = ok(vote(bob, poll, "choices[]=1"));
        assertThat(after.get("votes_count").asInt()).isEqualTo(1);
        assertThat(after.get("options").get(0).get("votes_count").asInt()).isZero();
        assertThat(after.get("options").get(1).get("votes_count").asInt()).isEqualTo(1);
        assertThat(after.get("voted").asBoolean()).isTrue();
        assertThat(after.get("own_votes").get(0).asInt()).isEqualTo(1);
        assertThat(error(vote(bob, poll, "choices[]=0"), 422)).isEqualTo("Validation failed: You have already voted on this poll");
        assertThat(error(vote(a, poll, "choices[]=0"), 422)).isEqualTo("Validation failed: You cannot vote in your own polls");
        long carol = f.directory.create("carol");
        assertThat(error(vote(carol, poll, "choices[]=0&choices[]=1"), 422))
                .isEqualTo("Validation failed: You have already voted on this poll");
        assertThat(error(vote(carol, poll, "choices[]=2"), 422)).isEqualTo("Validation failed: The chosen vote option does not exist");
        assertThat(error(vote(carol, poll, ""), 422)).isEqualTo("Validation failed: The chosen vote option does not exist");
        assertThat(api.http.form("POST", "/api/v1/polls/" + poll + "/votes", null, "choices[]=0").status()).isEqualTo(401);
        assertThat(error(vote(carol, "999999999", "choices[]=0"), 404)).isEqualTo("Record not found");
        // carol has not voted yet: the refused attempts left nothing
        JsonNode carolView = ok(api.get("/api/v1/polls/" + poll, carol));
        assertThat(carolView.get("voted").asBoolean()).isFalse();
        assertThat(carolView.get("own_votes")).isEmpty();
        assertThat(carolView.get("votes_count").asInt()).isEqualTo(1);
        // JSON votes work the same
        JsonNode json = ok(api.http.json("POST", "/api/v1/polls/" + poll + "/votes", Http.token(carol), "{\"choices\":[\"0\"]}"));
        assertThat(json.get("votes_count").asInt()).isEqualTo(2);
    }

    @Test
    void multipleChoiceCountsVotesAndVoters() {
        long a = f.directory.create("multi");
        long bob = f.directory.create("bob");
        long carol = f.directory.create("carol");
        JsonNode s = api.post(a, "All that apply", "&poll[options][]=a&poll[options][]=b&poll[options][]=c"
                + "&poll[expires_in]=600&poll[multiple]=true");
        String poll = pollId(s);
        JsonNode b = ok(vote(bob, poll, "choices[]=0&choices[]=2&choices[]=2"));
        assertThat(b.get("votes_count").asInt()).isEqualTo(2);
        assertThat(b.get("voters_count").asInt()).isEqualTo(1);
        assertThat(b.get("own_votes")).hasSize(2);
        JsonNode c = ok(vote(carol, poll, "choices[]=2"));
        assertThat(c.get("votes_count").asInt()).isEqualTo(3);
        assertThat(c.get("voters_count").asInt()).isEqualTo(2);
        assertThat(c.get("options").get(2).get("votes_count").asInt()).isEqualTo(2);
        assertThat(c.get("options").get(1).get("votes_count").asInt()).isZero();
        assertThat(error(vote(carol, poll, "choices[]=1"), 422)).isEqualTo("Validation failed: You have already voted on this poll");
        // the status carries the same counts
        JsonNode status = ok(api.get("/api/v1/statuses/" + s.get("id").asText(), bob));
        assertThat(status.get("poll").get("votes_count").asInt()).isEqualTo(3);
        assertThat(status.get("poll").get("own_votes").get(0).asInt()).isZero();
        assertThat(status.get("poll").get("own_votes").get(1).asInt()).isEqualTo(2);
    }

    @Test
    void anExpiredPollTakesNoVotes() {
        long a = f.directory.create("old");
        long bob = f.directory.create("bob");
        String poll = pollId(api.post(a, "Too late?", TWO));
        f.exec("UPDATE polls SET expires_at = now() - interval '1 minute' WHERE id = " + poll);
        assertThat(error(vote(bob, poll, "choices[]=0"), 422)).isEqualTo("Validation failed: The poll has already ended");
        assertThat(ok(api.get("/api/v1/polls/" + poll, bob)).get("expired").asBoolean()).isTrue();
        assertThat(f.count("SELECT count(*) FROM poll_votes WHERE poll_id = " + poll)).isZero();
    }

    @Test
    void hiddenTotalsShowOnlyToTheAuthorUntilTheEnd() {
        long a = f.directory.create("secret");
        long bob = f.directory.create("bob");
        String poll = pollId(api.post(a, "Guess", TWO + "&poll[hide_totals]=true"));
        JsonNode voted = ok(vote(bob, poll, "choices[]=0"));
        assertThat(voted.get("options").get(0).get("votes_count").isNull()).isTrue();
        assertThat(voted.get("own_votes").get(0).asInt()).isZero();
        assertThat(ok(api.get("/api/v1/polls/" + poll, null)).get("options").get(0).get("votes_count").isNull()).isTrue();
        assertThat(ok(api.get("/api/v1/polls/" + poll, a)).get("options").get(0).get("votes_count").asInt()).isEqualTo(1);
        f.exec("UPDATE polls SET expires_at = now() - interval '1 minute' WHERE id = " + poll);
        assertThat(ok(api.get("/api/v1/polls/" + poll, bob)).get("options").get(0).get("votes_count").asInt()).isEqualTo(1);
        assertThat(ok(api.get("/api/v1/polls/" + poll, null)).get("options").get(1).get("votes_count").asInt()).isZero();
    }

    @Test
    void aPollIsAsVisibleAsItsStatus() {
        long a = f.directory.create("private");
        long follower = f.directory.create("fan");
        long stranger = f.directory.create("stranger");
        f.graph.follow(follower, a);
        String poll = pollId(api.post(a, "Friends only", TWO + "&visibility=private"));
        assertThat(error(api.get("/api/v1/polls/" + poll, stranger), 404)).isEqualTo("Record not found");
        assertThat(api.get("/api/v1/polls/" + poll, null).status()).isEqualTo(404);
        assertThat(error(vote(stranger, poll, "choices[]=0"), 404)).isEqualTo("Record not found");
        assertThat(ok(vote(follower, poll, "choices[]=0")).get("votes_count").asInt()).isEqualTo(1);
        assertThat(ok(api.get("/api/v1/polls/" + poll, follower)).get("votes_count").asInt()).isEqualTo(1);
    }

    @Test
    void editingAPollKeepsVotesUnlessTheOptionsChange() {
        long a = f.directory.create("editor");
        long bob = f.directory.create("bob");
        JsonNode s = api.post(a, "Which?", TWO);
        String id = s.get("id").asText();
        String poll = pollId(s);
        ok(vote(bob, poll, "choices[]=1"));
        JsonNode same = ok(api.edit(a, id, "status=Which%3F+(edited)" + TWO + "&poll[hide_totals]=true"));
        assertThat(pollId(same)).isEqualTo(poll);
        assertThat(same.get("poll").get("votes_count").asInt()).isEqualTo(1);
        JsonNode changed = ok(api.edit(a, id, "status=Which%3F&poll[options][]=yes&poll[options][]=maybe&poll[expires_in]=600"));
        assertThat(pollId(changed)).isNotEqualTo(poll);
        assertThat(changed.get("poll").get("votes_count").asInt()).isZero();
        assertThat(changed.get("poll").get("options").get(1).get("title").asText()).isEqualTo("maybe");
        assertThat(api.get("/api/v1/polls/" + poll, a).status()).isEqualTo(404);
        JsonNode history = ok(api.get("/api/v1/statuses/" + id + "/history", bob));
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("poll").get("options").get(1).get("title").asText()).isEqualTo("no");
        assertThat(history.get(2).get("poll").get("options").get(1).get("title").asText()).isEqualTo("maybe");
        // an edit without a poll removes it, as in Mastodon
        assertThat(ok(api.edit(a, id, "status=no+more+poll")).get("poll").isNull()).isTrue();
        assertThat(f.count("SELECT count(*) FROM polls WHERE status_id = " + id)).isZero();
    }
}
