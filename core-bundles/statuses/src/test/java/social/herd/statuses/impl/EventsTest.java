package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.events.EventTypes;
import social.herd.api.filters.ContentFilters;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;
import social.herd.api.jobs.Job;
import social.herd.web.api.Json;

/**
 * The statuses bundle's contract with the others: the domain events it publishes (as durable
 * jobs, in the writing transaction), the StatusDirectory service, conversation mutes and filters.
 */
class EventsTest {

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

    /** The data of the event jobs of {@code type} that mention status {@code statusId}. */
    List<JsonNode> events(String type, String statusId) {
        List<JsonNode> out = new ArrayList<>();
        f.db.read(tx -> {
            try (var s = tx.connection().prepareStatement(
                    "SELECT payload FROM herd_jobs WHERE type = 'event.dispatch' ORDER BY id")) {
                var rs = s.executeQuery();
                while (rs.next()) {
                    JsonNode p = Json.mapper().readTree(rs.getString(1));
                    if (p.get("type").asText().equals(type) && p.get("data").get("status_id").asText().equals(statusId)) {
                        out.add(p.get("data"));
                    }
                }
            }
            return null;
        });
        return out;
    }

    @Test
    void postingFavouritingReblogEditAndDeletePublishEvents() {
        long a = f.directory.create("evauthor");
        long b = f.directory.create("evfan");
        String id = api.post(a, "hello @" + f.directory.username(b) + " #Herd").get("id").asText();
        List<JsonNode> created = events(EventTypes.STATUS_CREATED, id);
        assertThat(created).hasSize(1);
        JsonNode d = created.get(0);
        assertThat(d.get("account_id").asLong()).isEqualTo(a);
        assertThat(d.get("visibility").asText()).isEqualTo("public");
        assertThat(d.get("mentions").get(0).asLong()).isEqualTo(b);
        assertThat(d.get("tags").get(0).asText()).isEqualTo("herd");

        ok(api.action(b, id, "favourite"));
        ok(api.action(b, id, "favourite")); // a double tap is one favourite, one event
        assertThat(events(EventTypes.STATUS_FAVOURITED, id)).hasSize(1);
        assertThat(events(EventTypes.STATUS_FAVOURITED, id).get(0).get("status_account_id").asLong()).isEqualTo(a);

        String reblog = ok(api.action(b, id, "reblog")).get("id").asText();
        assertThat(events(EventTypes.STATUS_CREATED, reblog).get(0).get("reblog_of_account_id").asLong()).isEqualTo(a);

        ok(api.http.form("PUT", "/api/v1/statuses/" + id, Http.token(a), "status=edited"));
        assertThat(events(EventTypes.STATUS_UPDATED, id)).hasSize(1);

        ok(api.http.send("DELETE", "/api/v1/statuses/" + id, Http.token(a), null, null));
        assertThat(events(EventTypes.STATUS_DELETED, id)).hasSize(1);
    }

    @Test
    void aClosedPollPublishesItsVoters() throws Exception {
        long a = f.directory.create("pollster");
        long v = f.directory.create("voter");
        JsonNode s = api.post(a, "Tea?", "&poll[options][]=yes&poll[options][]=no&poll[expires_in]=300");
        ok(api.http.form("POST", "/api/v1/polls/" + s.get("poll").get("id").asText() + "/votes", Http.token(v),
                "choices[]=0"));
        assertThat(f.count("SELECT count(*) FROM herd_jobs WHERE type = 'poll.expire' AND run_at > now() + interval '200 seconds'"
                + " AND payload LIKE '%" + s.get("id").asText() + "%'")).isEqualTo(1);
        String payload = Json.write(Map.of("status_id", s.get("id").asText()));
        // too early: nothing; after the expiry: the event with the voter
        new PollExpiryJob(f.db, f.events, Clock.systemUTC()).handle(new Job(1, "default", PollExpiryJob.TYPE, payload, 1, Instant.now()));
        assertThat(events(EventTypes.POLL_EXPIRED, s.get("id").asText())).isEmpty();
        Clock later = Clock.fixed(Instant.now().plusSeconds(400), ZoneOffset.UTC);
        new PollExpiryJob(f.db, f.events, later).handle(new Job(1, "default", PollExpiryJob.TYPE, payload, 1, Instant.now()));
        List<JsonNode> expired = events(EventTypes.POLL_EXPIRED, s.get("id").asText());
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).get("voters").get(0).asLong()).isEqualTo(v);
    }

    @Test
    void theDirectoryAnswersFactsAndRendersOnlyWhatTheViewerMaySee() {
        long a = f.directory.create("dirauthor");
        long follower = f.directory.create("dirfollower");
        long stranger = f.directory.create("dirstranger");
        f.graph.follow(follower, a);
        long pub = api.post(a, "open").get("id").asLong();
        long priv = api.post(a, "closed", "&visibility=private").get("id").asLong();
        StatusFacts facts = f.statuses.facts(priv).orElseThrow();
        assertThat(facts.visibility()).isEqualTo("private");
        assertThat(facts.accountId()).isEqualTo(a);
        assertThat(f.statuses.visibleTo(follower, priv)).isTrue();
        assertThat(f.statuses.visibleTo(stranger, priv)).isFalse();
        assertThat(f.statuses.visibleTo(null, pub)).isTrue();
        assertThat(f.statuses.render(stranger, List.of(pub, priv), null).keySet()).containsExactly(pub);
        assertThat(f.statuses.render(follower, List.of(pub, priv), null).keySet()).containsExactlyInAnyOrder(pub, priv);
    }

    @Test
    void mutingAConversationCoversTheWholeThread() {
        long a = f.directory.create("threadroot");
        long b = f.directory.create("threadreply");
        String root = api.post(a, "root").get("id").asText();
        String reply = api.post(b, "reply", "&in_reply_to_id=" + root).get("id").asText();
        String deeper = api.post(a, "deeper", "&in_reply_to_id=" + reply).get("id").asText();
        assertThat(ok(api.get("/api/v1/statuses/" + deeper, b)).get("muted").asBoolean()).isFalse();
        assertThat(ok(api.action(b, reply, "mute")).get("muted").asBoolean()).isTrue();
        assertThat(ok(api.get("/api/v1/statuses/" + deeper, b)).get("muted").asBoolean()).isTrue();
        assertThat(ok(api.get("/api/v1/statuses/" + root, b)).get("muted").asBoolean()).isTrue();
        assertThat(ok(api.get("/api/v1/statuses/" + root, a)).get("muted").asBoolean()).isFalse();
        assertThat(f.statuses.conversationMuted(b, Long.parseLong(deeper))).isTrue();
        assertThat(f.statuses.conversationMuted(a, Long.parseLong(deeper))).isFalse();
        assertThat(ok(api.action(b, deeper, "unmute")).get("muted").asBoolean()).isFalse();
        assertThat(f.statuses.conversationMuted(b, Long.parseLong(root))).isFalse();
    }

    @Test
    void filtersMarkOrHideInAContext() {
        long a = f.directory.create("filtered");
        long viewer = f.directory.create("filterer");
        long spoiler = api.post(a, "the ending of the film").get("id").asLong();
        long hidden = api.post(a, "crypto coins").get("id").asLong();
        long plain = api.post(a, "cats").get("id").asLong();
        f.filtering.setFilters(new ContentFilters() {
            @Override
            public Map<Long, Outcome> apply(long viewerId, String context, Collection<Subject> subjects) {
                Map<Long, Outcome> out = new java.util.HashMap<>();
                if (viewerId != viewer || !context.equals(StatusDirectory.HOME)) return out;
                for (Subject s : subjects) {
                    if (s.text().contains("ending")) out.put(s.statusId(), new Outcome(List.of(Map.of("keyword_matches", List.of("ending"))), false));
                    if (s.text().contains("crypto")) out.put(s.statusId(), new Outcome(List.of(), true));
                }
                return out;
            }
        });
        try {
            Map<Long, Object> home = f.statuses.render(viewer, List.of(spoiler, hidden, plain), StatusDirectory.HOME);
            assertThat(home.keySet()).containsExactlyInAnyOrder(spoiler, plain);
            assertThat(Json.mapper().valueToTree(home.get(spoiler)).get("filtered").get(0).get("keyword_matches").get(0)
                    .asText()).isEqualTo("ending");
            assertThat(Json.mapper().valueToTree(home.get(plain)).get("filtered")).isEmpty();
            // a boost is matched as the post it boosts
            long booster = f.directory.create("booster");
            long boost = ok(api.action(booster, Long.toString(hidden), "reblog")).get("id").asLong();
            long boostOfSpoiler = ok(api.action(booster, Long.toString(spoiler), "reblog")).get("id").asLong();
            Map<Long, Object> boosts = f.statuses.render(viewer, List.of(boost, boostOfSpoiler), StatusDirectory.HOME);
            assertThat(boosts.keySet()).containsExactly(boostOfSpoiler);
            assertThat(Json.mapper().valueToTree(boosts.get(boostOfSpoiler)).get("filtered")).hasSize(1);
            // another context, or no context: no filtering
            assertThat(f.statuses.render(viewer, List.of(spoiler, hidden, plain), StatusDirectory.PUBLIC)).hasSize(3);
            assertThat(f.statuses.render(a, List.of(spoiler, hidden, plain), StatusDirectory.HOME)).hasSize(3);
        } finally {
            f.filtering.setFilters(null);
        }
    }
}
