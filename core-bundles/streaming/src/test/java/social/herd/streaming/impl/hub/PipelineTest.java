package social.herd.streaming.impl.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.timelines.TimelineEntities;
import social.herd.streaming.impl.Fakes;
import social.herd.streaming.impl.Fakes.Status;
import social.herd.streaming.impl.KvNode;
import social.herd.streaming.impl.StreamMessage;
import social.herd.streaming.impl.StreamingSettings;
import social.herd.streaming.impl.fanout.StreamingFanout;
import social.herd.testing.TestRedis;

/**
 * Event subscriber → Redis pub/sub → streaming nodes → connections, with three nodes in one JVM on
 * one real Redis: node A handles the domain event (a worker), nodes B and C hold the streams.
 * Statuses render only for viewers the visibility rule admits, as the statuses bundle's do.
 */
class PipelineTest {

    static final Fakes.Graph graph = new Fakes.Graph();
    static final Fakes.Statuses statuses = new Fakes.Statuses(graph);
    static final Fakes.RecordingMetrics metricsB = new Fakes.RecordingMetrics();
    static final TimelineEntities timelines = new TimelineEntities() {
        @Override
        public Optional<Object> notification(long recipient, long id) {
            return Optional.of(Map.of("id", Long.toString(id), "type", "mention", "for", Long.toString(recipient)));
        }

        @Override
        public Optional<Object> conversation(long account, long id) {
            return Optional.of(Map.of("id", Long.toString(id), "unread", true));
        }
    };
    static KvNode a, b, c;
    static StreamingFanout fanout;
    static StreamHub hubB, hubC;

    @BeforeAll
    static void start() {
        String url = TestRedis.shared().url();
        a = KvNode.redis(url);
        b = KvNode.redis(url);
        c = KvNode.redis(url);
        fanout = new StreamingFanout(graph, statuses, a.pubSub);
        StreamingSettings s = StreamingSettings.defaults().withLimits(3, 100);
        hubB = new StreamHub(s, b.pubSub, statuses, graph, () -> timelines, metricsB);
        hubC = new StreamHub(s, c.pubSub, statuses, graph, () -> timelines, new Fakes.RecordingMetrics());
    }

    @AfterAll
    static void stop() {
        hubB.close();
        hubC.close();
        a.close();
        b.close();
        c.close();
    }

    static RecordingConnection open(StreamHub hub, long viewer, String stream, String... params) throws StreamException {
        RecordingConnection conn = new RecordingConnection(Fakes.user(viewer));
        hub.attach(conn);
        Map<String, String> p = params.length == 0 ? Map.of() : Map.of(params[0], params[1]);
        assertThat(hub.subscribe(conn, StreamSpec.resolve(stream, p::get, conn.principal()))).isTrue();
        return conn;
    }

    static Status post(Status s) {
        statuses.add(s);
        fanout.on(s.event(EventTypes.STATUS_CREATED));
        return s;
    }

    @Test
    void aPostReachesStreamsOnOtherNodesThroughRedis() throws Exception {
        long author = Fakes.newId(), fan = Fakes.newId(), reader = Fakes.newId();
        graph.follow(fan, author);
        RecordingConnection home = open(hubB, fan, "user");
        RecordingConnection local = open(hubC, reader, "public:local");
        RecordingConnection tag = open(hubC, reader, "hashtag", "tag", "Herd");
        Status s = post(Status.post(author, "public", "hello nodes").tagged("herd"));
        assertThat(home.await("update|user|")).contains("\"id\":\"" + s.id() + "\"", "hello nodes");
        assertThat(local.await("update|public:local|")).contains("hello nodes");
        assertThat(tag.await("update|hashtag,Herd|")).contains("hello nodes");
        fanout.on(s.event(EventTypes.STATUS_DELETED));
        assertThat(home.await("delete|user|")).isEqualTo("delete|user|" + s.id());
        assertThat(local.await("delete|")).isEqualTo("delete|public:local|" + s.id());
    }

    @Test
    void aPrivatePostReachesAFollowersUserStreamButNotAStrangersPublicStream() throws Exception {
        long author = Fakes.newId(), fan = Fakes.newId(), stranger = Fakes.newId();
        graph.follow(fan, author);
        RecordingConnection home = open(hubB, fan, "user");
        RecordingConnection strangerPublic = open(hubC, stranger, "public");
        RecordingConnection strangerHome = open(hubC, stranger, "user");
        post(Status.post(author, "private", "followers only"));
        Status later = post(Status.post(author, "public", "for everyone"));
        assertThat(home.await("update|user|")).contains("followers only");
        strangerPublic.await("update|public|");
        // the public post came after the private one on the same path: the private one was never sent
        assertThat(strangerPublic.frames).hasSize(1).allMatch(f -> f.contains("for everyone") && f.contains(Long.toString(later.id())));
        assertThat(strangerHome.frames).isEmpty();
    }

    @Test
    void aDirectPostReachesOnlyTheMentionedEvenWhenMisrouted() throws Exception {
        long author = Fakes.newId(), mentioned = Fakes.newId(), bystander = Fakes.newId();
        graph.follow(mentioned, author);
        graph.follow(bystander, author);
        RecordingConnection yes = open(hubB, mentioned, "user");
        RecordingConnection no = open(hubC, bystander, "user");
        Status dm = post(Status.post(author, "direct", "just you").mentioning(mentioned));
        assertThat(yes.await("update|user|")).contains("just you");
        // routing never addresses the bystander; even a message that did is rendered for them and dropped
        b.pubSub.publish(StreamMessage.CHANNEL, new StreamMessage("update", dm.id(), author, null, false,
                List.of("user:" + bystander)).toJson());
        post(Status.post(author, "public", "after the dm"));
        no.await("update|user|");
        assertThat(no.frames).hasSize(1).allMatch(f -> f.contains("after the dm"));
    }

    @Test
    void authorsTheViewerMutesOrBlocksAreDropped() throws Exception {
        long author = Fakes.newId(), muter = Fakes.newId(), other = Fakes.newId();
        graph.mutes.add(List.of(muter, author));
        RecordingConnection muted = open(hubB, muter, "public");
        RecordingConnection marker = open(hubB, muter, "hashtag", "tag", "marker");
        post(Status.post(author, "public", "noise"));
        post(Status.post(other, "public", "signal").tagged("marker"));
        marker.await("update|hashtag,marker|");
        muted.await("update|public|");
        assertThat(muted.frames).hasSize(1).allMatch(f -> f.contains("signal"));
    }

    @Test
    void oneViewersConnectionsShareOneRenderAndMediaStreamsKeepOnlyMedia() throws Exception {
        long author = Fakes.newId(), viewer = Fakes.newId();
        RecordingConnection first = open(hubB, viewer, "public:remote");
        RecordingConnection second = open(hubB, viewer, "public:remote");
        RecordingConnection media = open(hubB, viewer, "public:remote", "only_media", "true");
        long before = statuses.renders.get();
        post(Status.post(author, "public", "text only").remote());
        Status pic = post(Status.post(author, "public", "a picture").remote().withMedia());
        RecordingConnection.awaitTrue("both posts on both plain streams", () -> first.frames.size() == 2 && second.frames.size() == 2);
        assertThat(media.await("update|public:remote:media|")).contains(Long.toString(pic.id()));
        assertThat(media.frames).hasSize(1);
        assertThat(statuses.renders.get() - before).as("one render per post for this viewer on this node").isLessThanOrEqualTo(2);
    }

    @Test
    void notificationsConversationsFilterChangesAndTheUserStreamsScopes() throws Exception {
        long viewer = Fakes.newId();
        RecordingConnection user = open(hubB, viewer, "user");
        RecordingConnection onlyNotifications = open(hubC, viewer, "user:notification");
        fanout.on(new Event(EventTypes.NOTIFICATION_CREATED, Map.of("notification_id", 77, "account_id", viewer, "type", "mention")));
        fanout.on(new Event(EventTypes.FILTERS_CHANGED, Map.of("account_id", viewer)));
        assertThat(user.await("notification|user|")).contains("\"id\":\"77\"", "\"for\":\"" + viewer + "\"");
        assertThat(onlyNotifications.await("notification|user:notification|")).contains("\"id\":\"77\"");
        assertThat(user.await("filters_changed|")).isEqualTo("filters_changed|user|");
        RecordingConnection direct = open(hubB, viewer, "direct");
        fanout.on(new Event(EventTypes.CONVERSATION_UPDATED, Map.of("account_id", viewer, "conversation_id", 5)));
        assertThat(direct.await("conversation|direct|")).contains("\"id\":\"5\"");

        RecordingConnection statusesOnly = new RecordingConnection(Fakes.user(viewer, "read:statuses"));
        StreamSpec spec = StreamSpec.resolve("user", k -> null, statusesOnly.principal());
        assertThat(spec.keys()).as("no notifications without read:notifications").containsExactly("user:" + viewer);
        assertThatThrownBy(() -> StreamSpec.resolve("user:notification", k -> null, statusesOnly.principal()))
                .isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndCounted() throws Exception {
        long author = Fakes.newId(), slow = Fakes.newId();
        RecordingConnection conn = new RecordingConnection(Fakes.user(slow), 5, 1 << 20).stall();
        hubB.attach(conn);
        hubB.subscribe(conn, StreamSpec.resolve("hashtag", k -> k.equals("tag") ? "slowtag" : null, conn.principal()));
        int openBefore = hubB.size();
        for (int i = 0; i < 20; i++) post(Status.post(author, "public", "flood " + i).tagged("slowtag"));
        assertThat(conn.awaitEnd()).isTrue();
        assertThat(conn.endReason).isEqualTo(CloseReason.SLOW_CLIENT);
        assertThat(conn.aborted).as("the stuck writer was cut loose").isTrue();
        RecordingConnection.awaitTrue("the slow connection left the hub", () -> hubB.size() == openBefore - 1);
        assertThat(metricsB.count("herd_streaming_disconnects_total", "slow_client")).isEqualTo(1);
    }

    @Test
    void anAccountMayHoldOnlyItsShareOfConnections() throws Exception {
        long viewer = Fakes.newId();
        for (int i = 0; i < 3; i++) open(hubC, viewer, "public");
        assertThatThrownBy(() -> open(hubC, viewer, "public"))
                .isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.status()).isEqualTo(429));
        assertThat(hubC.allows(viewer, "127.0.0.1")).isFalse();
        assertThat(hubC.allows(Fakes.newId(), "127.0.0.1")).isTrue();
    }

    @Test
    void aConnectionHoldsAtMostItsShareOfStreams() throws Exception {
        RecordingConnection conn = open(hubC, Fakes.newId(), "public");
        for (int i = 1; i < StreamHub.MAX_SUBSCRIPTIONS; i++) {
            String tag = "t" + i;
            hubC.subscribe(conn, StreamSpec.resolve("hashtag", k -> tag, conn.principal()));
        }
        assertThatThrownBy(() -> hubC.subscribe(conn, StreamSpec.resolve("hashtag", k -> "one-too-many", conn.principal())))
                .hasMessage("Too many subscriptions");
        assertThat(hubC.subscribe(conn, StreamSpec.resolve("public", k -> null, conn.principal()))).as("a duplicate").isFalse();
        conn.close(CloseReason.CLIENT);
    }

    @Test
    void unknownStreamsAndMissingTagsAreRefusedAsMastodonDoes() {
        var p = Fakes.user(1);
        assertThatThrownBy(() -> StreamSpec.resolve("everything", k -> null, p))
                .hasMessage("Unknown stream type");
        assertThatThrownBy(() -> StreamSpec.resolve("hashtag", k -> null, p))
                .hasMessage("No tag for stream provided");
        assertThatThrownBy(() -> StreamSpec.resolve("list", k -> "5", p))
                .isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
