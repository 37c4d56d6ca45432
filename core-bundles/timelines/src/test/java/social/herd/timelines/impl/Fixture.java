package social.herd.timelines.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.herd.api.config.ServerSettings;
import social.herd.api.events.Event;
import social.herd.timelines.impl.conversations.ConversationQueries;
import social.herd.timelines.impl.conversations.ConversationService;
import social.herd.timelines.impl.conversations.ConversationSubscriber;
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
 * platform's and this bundle's real migrations, the real event bus and job queue. Accounts,
 * the social graph, statuses and users belong to other bundles: small map-backed doubles
 * ({@link Doubles}) stand in for them.
 */
final class Fixture implements AutoCloseable {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    final PooledDataSource ds;
    final TxDatabase db;
    final TimeSortableIdGenerator ids = new TimeSortableIdGenerator();
    final Settings settings = new Settings();
    final Doubles.Directory directory = new Doubles.Directory();
    final Doubles.Graph graph = new Doubles.Graph();
    final Doubles.Statuses statuses = new Doubles.Statuses(ids, graph);
    final Doubles.UserList users = new Doubles.UserList();
    final PostgresJobQueue jobs;
    final EventBus bus;
    final RecipientRules rules;
    final NotificationStore store;
    final StaffRegister staff;
    final NotificationSubscriber subscriber;
    final NotificationQueries queries;
    final MarkerService markers;
    final ConversationService conversationService;
    final ConversationQueries conversations;
    final ConversationSubscriber conversationSubscriber;

    Fixture() {
        ds = new PooledDataSource(Map.of("url", TestPostgres.freshDatabase(), "user", "postgres", "pool_size", 4));
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("social.herd.platform", MigrationFiles.platform());
        runner.migrate("social.herd.timelines", MigrationFiles.in(Path.of("target/classes/db/migration")));
        db = new TxDatabase(ds);
        jobs = new PostgresJobQueue(db, ids);
        bus = new EventBus(jobs);
        rules = new RecipientRules(directory, graph, statuses);
        store = new NotificationStore(db, ids, bus, Clock.systemUTC());
        staff = new StaffRegister(users);
        subscriber = new NotificationSubscriber(store, rules, staff, graph);
        queries = new NotificationQueries(db, directory, statuses, graph, Clock.systemUTC());
        markers = new MarkerService(db, Clock.systemUTC());
        conversationService = new ConversationService(db, ids, bus, statuses, rules, Clock.systemUTC());
        conversations = new ConversationQueries(db, directory, statuses);
        conversationSubscriber = new ConversationSubscriber(conversationService);
    }

    @Override
    public void close() {
        ds.close();
    }

    /** The event as a subscriber receives it: its data after the JSON round trip of the job queue. */
    static Event delivered(String type, Map<String, Object> data) {
        try {
            Map<String, Object> back = PLAIN.readValue(PLAIN.writeValueAsString(data),
                    new TypeReference<LinkedHashMap<String, Object>>() {});
            return new Event(type, back);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands {@code event} to both subscribers, as the event bus does. */
    void deliver(Event event) {
        try {
            subscriber.on(event);
            conversationSubscriber.on(event);
        } catch (Exception e) {
            throw new AssertionError("delivery failed: " + event, e);
        }
    }

    /** The data of the published events of {@code type} (herd_jobs rows of type event.dispatch), oldest first. */
    List<JsonNode> published(String type) {
        List<JsonNode> out = new ArrayList<>();
        db.read(tx -> {
            try (var s = tx.connection().prepareStatement(
                    "SELECT payload FROM herd_jobs WHERE type = 'event.dispatch' ORDER BY id")) {
                var rs = s.executeQuery();
                while (rs.next()) {
                    JsonNode p = Json.mapper().readTree(rs.getString(1));
                    if (p.get("type").asText().equals(type)) out.add(p.get("data"));
                }
            }
            return null;
        });
        return out;
    }

    long count(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    void exec(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }



    static final class Settings implements ServerSettings {
        @Override public URI publicUrl() { return URI.create("https://social.example"); }
        @Override public String webDomain() { return "social.example"; }
        @Override public String localDomain() { return "example.com"; }
        @Override public Path dataDir() { return Path.of("target"); }
        @Override public Registrations registrations() { return Registrations.OPEN; }
        @Override public Role role() { return Role.ALL; }
        @Override public String version() { return "0.1.0"; }
    }
}
