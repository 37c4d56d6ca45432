package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.events.EventBus;
import social.herd.platform.impl.jobs.JobEngine;
import social.herd.platform.impl.jobs.JobSettings;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.testing.TestPostgres;

/** Domain events: published in the writer's transaction, delivered after commit, retried per subscriber. */
class EventBusTest {

    private PooledDataSource ds;
    private TxDatabase db;
    private EventBus bus;
    private JobEngine engine;

    @BeforeEach
    void setUp() {
        ds = TestDb.pool(TestPostgres.freshDatabase(), 8);
        TestDb.migratePlatform(ds);
        db = new TxDatabase(ds);
        bus = new EventBus(new PostgresJobQueue(db, new TimeSortableIdGenerator()));
        engine = new JobEngine(ds, new RecordingMetrics(), JobSettings.from(JobEngineTest.FAST), "n1");
        engine.addHandler("event.dispatch", bus);
        engine.addHandler("event.deliver", bus);
    }

    @AfterEach
    void tearDown() {
        engine.close();
        ds.close();
    }

    private static Map<String, Object> props(String name, String... types) {
        return Map.of(EventSubscriber.NAME, name, EventSubscriber.TYPES, types);
    }

    @Test
    void subscribersGetCommittedEventsOfTheirTypesOnly() {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        bus.addSubscriber(e -> a.add(e.type() + ":" + e.id("status_id")), props("a", "status.created"));
        bus.addSubscriber(e -> b.add(e.type() + ":" + e.ids("mentions")), props("b", "status.created", "status.deleted"));
        engine.start();
        db.transaction(tx -> {
            bus.publish(tx, new Event("status.created", Map.of("status_id", 7L, "mentions", List.of(1L, 2L))));
            bus.publish(tx, new Event("status.deleted", Map.of("status_id", 7L)));
            return null;
        });
        assertThatThrownBy(() -> db.transaction(tx -> {
            bus.publish(tx, new Event("status.created", Map.of("status_id", 8L)));
            throw new IllegalStateException("rolled back");
        })).hasMessageContaining("rolled back");
        TestDb.await(5_000, "delivered", () -> a.size() == 1 && b.size() == 2);
        TestDb.await(5_000, "jobs done", () -> TestDb.queryStrings(ds, "SELECT id FROM herd_jobs").isEmpty());
        assertThat(a).containsExactly("status.created:7");
        assertThat(b).containsExactlyInAnyOrder("status.created:[1, 2]", "status.deleted:[]");
    }

    @Test
    void aFailingSubscriberIsRetriedAloneUntilItSucceeds() {
        List<String> healthy = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        bus.addSubscriber(e -> healthy.add(e.string("x")), props("healthy", "t"));
        bus.addSubscriber(e -> {
            if (attempts.incrementAndGet() < 3) throw new IllegalStateException("not yet");
        }, props("flaky", "t"));
        engine.start();
        db.transaction(tx -> {
            bus.publish(tx, new Event("t", Map.of("x", "once")));
            return null;
        });
        TestDb.await(10_000, "flaky succeeded", () -> attempts.get() == 3);
        TestDb.await(5_000, "jobs done", () -> TestDb.queryStrings(ds, "SELECT id FROM herd_jobs").isEmpty());
        assertThat(healthy).as("the healthy subscriber is not repeated by the other's retries").containsExactly("once");
    }

    @Test
    void anEventDispatchedBeforeASubscriberIsBackReachesIt() throws Exception {
        // a bus that remembers subscribers in the database, as the runtime's does
        EventBus durable = new EventBus(new PostgresJobQueue(db, new TimeSortableIdGenerator()), db, null);
        engine.addHandler("event.dispatch", durable);
        engine.addHandler("event.deliver", durable);
        List<String> got = new CopyOnWriteArrayList<>();
        social.herd.api.events.EventSubscriber late = e -> got.add(e.string("x"));
        durable.addSubscriber(late, props("late", "t"));
        // the node restarts: the subscriber's bundle is not up yet when the queued event runs
        durable.removeSubscriber(late, props("late", "t"));
        engine.start();
        db.transaction(tx -> {
            durable.publish(tx, new Event("t", Map.of("x", "after the crash")));
            return null;
        });
        TestDb.await(5_000, "a delivery job waits for the subscriber",
                () -> !TestDb.queryStrings(ds, "SELECT id FROM herd_jobs WHERE type = 'event.deliver'").isEmpty());
        durable.addSubscriber(late, props("late", "t"));
        TestDb.await(10_000, "delivered once it is back", () -> got.size() == 1);
        assertThat(got).containsExactly("after the crash");
    }

    @Test
    void aSubscriberRegisteringWhileAnEventIsDispatchedStillGetsIt() throws Exception {
        // a node starting after a crash: queued events run while the subscribers register one by one
        EventBus durable = new EventBus(new PostgresJobQueue(db, new TimeSortableIdGenerator()), db, null);
        engine.addHandler("event.dispatch", durable);
        engine.addHandler("event.deliver", durable);
        List<String> got = new CopyOnWriteArrayList<>();
        EventSubscriber late = e -> got.add(e.string("x"));
        // a name the dispatch loop has already passed when it appears (the bus keeps a hash map), so
        // the loop cannot pick it up by chance
        String first = "first";
        String lateName = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "late" + i)
                .filter(n -> bucket(n) < bucket(first)).findFirst().orElseThrow();
        durable.addSubscriber(late, props(lateName, "t")); // known from before the crash
        durable.removeSubscriber(late, props(lateName, "t"));
        durable.addSubscriber(e -> durable.addSubscriber(late, props(lateName, "t")), props(first, "t"));
        engine.start();
        db.transaction(tx -> {
            durable.publish(tx, new Event("t", Map.of("x", "during start-up")));
            return null;
        });
        TestDb.await(10_000, "delivered to the subscriber that came up meanwhile", () -> got.size() == 1);
        TestDb.await(5_000, "jobs done", () -> TestDb.queryStrings(ds, "SELECT id FROM herd_jobs").isEmpty());
        assertThat(got).containsExactly("during start-up");
    }

    /** The bucket of a 16-slot ConcurrentHashMap that {@code key} lands in. */
    private static int bucket(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & 15;
    }
}
