package social.herd.filters.impl;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import social.herd.api.kv.PubSub;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.events.EventBus;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.platform.impl.migrate.MigrationFiles;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.testing.TestPostgres;
import social.herd.web.api.Json;

/**
 * The bundle's services wired as DS would wire them, on a fresh real PostgreSQL database with the
 * platform's and this bundle's real migrations, the real event bus and job queue. The clock is
 * settable (expiry); the statuses bundle is a small double that knows which statuses are hidden.
 */
final class Fixture implements AutoCloseable {

    private static final AtomicLong ACCOUNTS = new AtomicLong(1000);

    final PooledDataSource ds;
    final TxDatabase db;
    final TestClock clock = new TestClock();
    final TimeSortableIdGenerator ids = new TimeSortableIdGenerator();
    final PostgresJobQueue jobs;
    final EventBus bus;
    final Cluster cluster = new Cluster();
    final FilterCache cache;
    final FilterChanges changes;
    final FilterService filters;
    final RuleService rules;
    final ContentFiltersComponent content;
    final Statuses statuses = new Statuses();

    Fixture() {
        ds = new PooledDataSource(Map.of("url", TestPostgres.freshDatabase(), "user", "postgres", "pool_size", 4));
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("social.herd.platform", MigrationFiles.platform());
        runner.migrate("social.herd.filters", MigrationFiles.in(Path.of("target/classes/db/migration")));
        db = new TxDatabase(ds);
        jobs = new PostgresJobQueue(db, ids);
        bus = new EventBus(jobs);
        cache = node(FilterCache.TTL);
        changes = new FilterChanges(bus, cache);
        filters = new FilterService(db, ids, changes, clock);
        rules = new RuleService(db, ids, changes, clock);
        rules.setStatuses(statuses);
        content = new ContentFiltersComponent(cache, clock);
    }

    /** Another node's cache on the same database and the same (fake) PubSub. */
    FilterCache node(Duration ttl) {
        FilterCache c = new FilterCache(db, clock, ttl);
        c.bindPubSub(cluster);
        return c;
    }

    static long account() {
        return ACCOUNTS.incrementAndGet();
    }

    @Override
    public void close() {
        ds.close();
    }

    long count(String sql) {
        return db.read(tx -> {
            try (var s = tx.connection().createStatement(); var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The data of the {@code event.dispatch} jobs of {@code type}, oldest first. */
    List<JsonNode> events(String type) {
        return db.read(tx -> {
            List<JsonNode> out = new ArrayList<>();
            try (var s = tx.connection().prepareStatement("SELECT payload FROM herd_jobs WHERE type = 'event.dispatch' ORDER BY id")) {
                var rs = s.executeQuery();
                while (rs.next()) {
                    JsonNode p = Json.mapper().readTree(rs.getString(1));
                    if (p.get("type").asText().equals(type)) out.add(p.get("data"));
                }
            }
            return out;
        });
    }



    /** A clock tests move forward. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration d) { now = now.plus(d); }
        @Override public Instant instant() { return now; }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    /** PubSub between the "nodes" of one test: synchronous, like the in-process fallback. */
    static final class Cluster implements PubSub {
        final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public void publish(String channel, String message) {
            if (!down) listeners.getOrDefault(channel, List.of()).forEach(l -> l.accept(message));
        }

        @Override
        public Subscription subscribe(String channel, Consumer<String> listener) {
            listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
            return () -> listeners.get(channel).remove(listener);
        }
    }

    /** The statuses bundle as far as filters need it: every status exists and is visible, except hidden ones. */
    static final class Statuses implements StatusDirectory {
        final Set<Long> hidden = ConcurrentHashMap.newKeySet();

        @Override public boolean visibleTo(Long viewerId, long statusId) { return !hidden.contains(statusId); }
        @Override public Optional<StatusFacts> facts(long statusId) { return Optional.empty(); }
        @Override public Map<Long, Object> render(Long viewerId, Collection<Long> statusIds, String filterContext) { return Map.of(); }
        @Override public boolean conversationMuted(long accountId, long statusId) { return false; }
    }
}
