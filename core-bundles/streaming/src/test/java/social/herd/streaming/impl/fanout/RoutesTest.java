package social.herd.streaming.impl.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.streaming.impl.Fakes;
import social.herd.streaming.impl.Fakes.Status;
import social.herd.streaming.impl.StreamMessage;

/** Which streams hear of which event: the fan-out decisions, without any transport. */
class RoutesTest {

    final Fakes.Graph graph = new Fakes.Graph();
    final Fakes.Statuses statuses = new Fakes.Statuses(graph);
    final Routes routes = new Routes(graph, statuses);
    final long author = Fakes.newId(), follower = Fakes.newId(), other = Fakes.newId();

    RoutesTest() {
        graph.follow(follower, author);
        graph.follow(other, author);
    }

    private StreamMessage only(Event e) {
        List<StreamMessage> m = routes.messages(e);
        assertThat(m).hasSize(1);
        return m.get(0);
    }

    @Test
    void aPublicLocalPostGoesToHomesPublicLocalAndItsHashtags() {
        Status s = Status.post(author, "public", "hi").tagged("herd").withMedia();
        StreamMessage m = only(s.event(EventTypes.STATUS_CREATED));
        assertThat(m.event()).isEqualTo("update");
        assertThat(m.id()).isEqualTo(s.id());
        assertThat(m.author()).isEqualTo(author);
        assertThat(m.media()).isTrue();
        assertThat(m.to()).containsExactlyInAnyOrder("user:" + author, "user:" + follower, "user:" + other,
                "public", "public:local", "hashtag:herd", "hashtag:herd:local");
    }

    @Test
    void aRemotePostGoesToPublicRemoteAndNotToItsAuthorsOrLocalStreams() {
        Status s = Status.post(author, "public", "from afar").tagged("herd").remote();
        assertThat(only(s.event(EventTypes.STATUS_CREATED)).to()).containsExactlyInAnyOrder(
                "user:" + follower, "user:" + other, "public", "public:remote", "hashtag:herd");
    }

    @Test
    void unlistedAndPrivatePostsStayInHomeTimelines() {
        for (String v : List.of("unlisted", "private")) {
            Status s = Status.post(author, v, "quiet").tagged("herd");
            assertThat(only(s.event(EventTypes.STATUS_CREATED)).to()).as(v)
                    .containsExactlyInAnyOrder("user:" + author, "user:" + follower, "user:" + other);
        }
    }

    @Test
    void aDirectPostReachesOnlyMentionedFollowersAndItsDeleteTheParticipantsDirectStreams() {
        long stranger = Fakes.newId();
        Status s = Status.post(author, "direct", "psst").mentioning(follower, stranger);
        assertThat(only(s.event(EventTypes.STATUS_CREATED)).to()).containsExactlyInAnyOrder("user:" + author, "user:" + follower);
        StreamMessage delete = only(s.event(EventTypes.STATUS_DELETED));
        assertThat(delete.event()).isEqualTo("delete");
        assertThat(delete.to()).containsExactlyInAnyOrder("user:" + author, "user:" + follower,
                "direct:" + author, "direct:" + follower, "direct:" + stranger);
    }

    @Test
    void aHeldPostReachesOnlyItsAuthor() {
        Status s = Status.post(author, "public", "pending");
        s = new Status(s.id(), author, "public", "pending", List.of(), List.of("x"), true, false, null, null, true);
        assertThat(only(s.event(EventTypes.STATUS_CREATED)).to()).containsExactly("user:" + author);
        assertThat(routes.messages(s.remote().event(EventTypes.STATUS_CREATED))).isEmpty();
    }

    @Test
    void aReblogGoesToHomesOnlyAndCarriesTheRebloggedAuthor() {
        long original = Fakes.newId();
        Status s = new Status(Fakes.newId(), author, "public", "", List.of(), List.of(), true, false, 5L, original, false);
        StreamMessage m = only(s.event(EventTypes.STATUS_CREATED));
        assertThat(m.reblogAuthor()).isEqualTo(original);
        assertThat(m.to()).containsExactlyInAnyOrder("user:" + author, "user:" + follower, "user:" + other);
    }

    @Test
    void editsAndApprovalsAreUpdatesOfTheirOwnKind() {
        Status s = Status.post(author, "public", "x");
        assertThat(only(s.event(EventTypes.STATUS_UPDATED)).event()).isEqualTo("status.update");
        assertThat(only(s.event(EventTypes.STATUS_APPROVED)).event()).isEqualTo("update");
    }

    @Test
    void aThinDeleteEventIsCompletedFromTheStatusFacts() {
        Status s = statuses.add(Status.post(author, "public", "bye").tagged("gone"));
        Event thin = new Event(EventTypes.STATUS_DELETED, Map.of("status_id", s.id()));
        assertThat(only(thin).to()).contains("public", "public:local", "hashtag:gone", "user:" + follower);
        assertThat(routes.messages(new Event(EventTypes.STATUS_DELETED, Map.of("status_id", 1L)))).as("unknown").isEmpty();
    }

    @Test
    void notificationsFiltersAndConversationsGoToTheirAccount() {
        StreamMessage n = only(new Event(EventTypes.NOTIFICATION_CREATED, Map.of("notification_id", 9, "account_id", 7, "type", "mention")));
        assertThat(n).isEqualTo(new StreamMessage("notification", 9L, null, null, false, List.of("user:7:notification")));
        assertThat(only(new Event(EventTypes.FILTERS_CHANGED, Map.of("account_id", 7))).to()).containsExactly("user:7");
        StreamMessage c = only(new Event(EventTypes.CONVERSATION_UPDATED, Map.of("account_id", 7, "conversation_id", 3)));
        assertThat(c.event()).isEqualTo("conversation");
        assertThat(c.to()).containsExactly("direct:7");
        assertThat(routes.messages(new Event(EventTypes.ACCOUNT_FOLLOWED, Map.of()))).isEmpty();
        assertThat(routes.messages(new Event(EventTypes.NOTIFICATION_CREATED, Map.of("notification_id", 9)))).as("malformed").isEmpty();
    }

    @Test
    void manyFollowersAreSplitIntoSeveralMessages() {
        long popular = Fakes.newId();
        for (int i = 0; i < 1200; i++) graph.follow(Fakes.newId(), popular);
        List<StreamMessage> parts = routes.messages(Status.post(popular, "private", "to all").event(EventTypes.STATUS_CREATED));
        assertThat(parts).hasSize(3);
        assertThat(parts.stream().mapToInt(p -> p.to().size()).sum()).isEqualTo(1201);
        assertThat(parts).allSatisfy(p -> assertThat(p.to()).hasSizeLessThanOrEqualTo(StreamMessage.MAX_KEYS));
    }

    @Test
    void messagesAreCompactJsonAndSurviveTheRoundTrip() {
        StreamMessage m = new StreamMessage("update", 7L, 3L, null, true, List.of("public", "user:3"));
        assertThat(m.toJson()).isEqualTo("{\"event\":\"update\",\"id\":7,\"author\":3,\"media\":true,\"to\":[\"public\",\"user:3\"]}");
        assertThat(StreamMessage.parse(m.toJson())).isEqualTo(m);
        StreamMessage f = new StreamMessage("filters_changed", null, null, null, false, List.of("user:3"));
        assertThat(f.toJson()).isEqualTo("{\"event\":\"filters_changed\",\"to\":[\"user:3\"]}");
        assertThat(StreamMessage.parse("{\"nonsense\":1}")).isNull();
        assertThat(StreamMessage.parse("not json")).isNull();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("event", "delete");
        extra.put("id", 5);
        extra.put("future_field", "ignored");
        assertThat(StreamMessage.parse(social.herd.web.api.Json.write(extra)).id()).isEqualTo(5L);
    }
}
