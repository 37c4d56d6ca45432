package social.herd.statuses.impl;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.config.ServerSettings;
import social.herd.api.moderation.Moderation;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.events.EventBus;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.platform.impl.migrate.MigrationFiles;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.Verdict;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.api.jobs.Job;
import social.herd.api.kv.Feeds;
import social.herd.statuses.impl.timelines.HomeFanOut;
import social.herd.statuses.impl.lists.ListService;
import social.herd.statuses.impl.lists.ListTimeline;
import social.herd.statuses.impl.scheduled.PublishScheduledJob;
import social.herd.statuses.impl.scheduled.ScheduledStatusService;
import social.herd.statuses.impl.timelines.AccountPostsService;
import social.herd.statuses.impl.timelines.HomeTimeline;
import social.herd.statuses.impl.timelines.TimelineService;
import social.herd.testing.TestPostgres;

/**
 * The bundle's services wired as DS would wire them, on a fresh real PostgreSQL database with the
 * platform's and this bundle's real migrations. The accounts bundle's services (directory and
 * social graph) and moderation are small map-backed doubles: they belong to other bundles.
 */
final class Fixture implements AutoCloseable {

    final PooledDataSource ds;
    final TxDatabase db;
    final TimeSortableIdGenerator ids = new TimeSortableIdGenerator();
    final Settings settings = new Settings();
    final Directory directory = new Directory();
    final Graph graph = new Graph();
    final SettableModeration moderation = new SettableModeration();
    final StatusVisibility visibility;
    final StatusViews views;
    final PostingService posting;
    final InteractionService interactions;
    final StatusQueries queries;
    final TimelineService timelines;
    final HomeTimeline home;
    final EditService editing;
    final PinService pins;
    final PollService polls;
    final AccountPostsService accountPosts;
    final PostgresJobQueue jobs;
    final EventBus bus;
    final StatusEvents events;
    final StatusFiltering filtering = new StatusFiltering();
    final StatusDirectoryComponent statuses;
    final AccountCache accountCache;
    final ListService lists;
    final ListTimeline listTimeline;
    final ScheduledStatusService scheduled;
    final PublishScheduledJob publisher;
    final FederatedStatusesComponent federated;

    Fixture() {
        ds = new PooledDataSource(Map.of("url", TestPostgres.freshDatabase(), "user", "postgres", "pool_size", 4));
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("social.herd.platform", MigrationFiles.platform());
        runner.migrate("social.herd.statuses", MigrationFiles.in(Path.of("target/classes/db/migration")));
        db = new TxDatabase(ds);
        directory.graph = graph;
        visibility = new StatusVisibility(graph, directory);
        views = new StatusViews(directory, settings);
        jobs = new PostgresJobQueue(db, ids);
        bus = new EventBus(jobs);
        events = new StatusEvents(bus, jobs);
        posting = new PostingService(db, ids, directory, settings, visibility, views, events, Clock.systemUTC());
        posting.setModeration(moderation);
        interactions = new InteractionService(db, ids, visibility, views, events, Clock.systemUTC());
        queries = new StatusQueries(db, visibility, views, directory);
        timelines = new TimelineService(db, graph, directory, visibility, views, filtering);
        home = new HomeTimeline(db, graph, visibility, views, filtering);
        editing = new EditService(db, ids, directory, visibility, views, posting, events, Clock.systemUTC());
        pins = new PinService(db, ids, visibility, views, Clock.systemUTC());
        polls = new PollService(db, visibility, events, Clock.systemUTC());
        accountPosts = new AccountPostsService(db, directory, visibility, views);
        statuses = new StatusDirectoryComponent(db, visibility, views, filtering);
        accountCache = new AccountCache(directory, java.time.Duration.ZERO);
        lists = new ListService(db, ids, graph, accountCache, Clock.systemUTC());
        listTimeline = new ListTimeline(db, graph, visibility, views, filtering);
        scheduled = new ScheduledStatusService(db, ids, jobs, posting, views, Clock.systemUTC());
        publisher = new PublishScheduledJob(db, posting, views, Clock.systemUTC());
        federated = new FederatedStatusesComponent(db, ids, visibility, views, events, accountCache, Clock.systemUTC());
    }

    /** Home feeds in {@code feeds}, filled by the fan-out subscriber on the event bus (see {@link #deliverEvents}). */
    Fixture withFeeds(Feeds feeds) {
        home.setFeeds(feeds);
        lists.setFeeds(feeds);
        fanOut = new HomeFanOut(feeds, graph, db);
        bus.addSubscriber(fanOut, Map.of(EventSubscriber.NAME, "home-feeds", EventSubscriber.TYPES, new String[] {
                EventTypes.STATUS_CREATED, EventTypes.STATUS_APPROVED, EventTypes.STATUS_DELETED,
                EventTypes.ACCOUNT_FOLLOWED, EventTypes.ACCOUNT_UNFOLLOWED, EventTypes.ACCOUNT_BLOCKED}));
        return this;
    }

    HomeFanOut fanOut;
    private long delivered;

    /**
     * Runs the event dispatch jobs published since the last call, as the job workers would; a
     * failing subscriber leaves a retry job (event.deliver), as in production.
     */
    synchronized void deliverEvents() {
        List<Job> due = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, payload FROM herd_jobs WHERE type = 'event.dispatch' AND id > "
                     + delivered + " ORDER BY id")) {
            while (rs.next()) due.add(new Job(rs.getLong(1), "default", "event.dispatch", rs.getString(2), 1, Instant.now()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (Job j : due) {
            try {
                bus.handle(j);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            delivered = j.id();
        }
    }

    @Override
    public void close() {
        ds.close();
    }

    long count(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The data of the published events of {@code type} whose {@code status_id} is {@code statusId}, oldest first. */
    List<com.fasterxml.jackson.databind.JsonNode> events(String type, long statusId) {
        List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload FROM herd_jobs WHERE type = 'event.dispatch' ORDER BY id")) {
            while (rs.next()) {
                var p = social.herd.web.api.Json.mapper().readTree(rs.getString(1));
                if (p.get("type").asText().equals(type) && p.get("data").path("status_id").asLong() == statusId) {
                    out.add(p.get("data"));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
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

    /** Accounts in a map; render answers a small Account-like map. */
    static final class Directory implements AccountDirectory {
        private static final AtomicLong NEXT = new AtomicLong(1000);
        final Map<Long, AccountSummary> accounts = new ConcurrentHashMap<>();
        /** Accounts a moderator limited (silenced) or forced sensitive, as the accounts bundle reports them. */
        final java.util.Set<Long> limited = ConcurrentHashMap.newKeySet();
        final java.util.Set<Long> sensitized = ConcurrentHashMap.newKeySet();

        @Override
        public java.util.Set<Long> limited() {
            return java.util.Set.copyOf(limited);
        }

        @Override
        public java.util.Set<Long> sensitized() {
            return java.util.Set.copyOf(sensitized);
        }

        /** A new local account with a unique username starting with {@code prefix}. */
        long create(String prefix) {
            long id = NEXT.incrementAndGet();
            accounts.put(id, new AccountSummary(id, prefix + id, null, false, false));
            return id;
        }

        /** A new account of another server ({@code domain}), as federation would have stored it. */
        long createRemote(String prefix, String domain) {
            long id = NEXT.incrementAndGet();
            accounts.put(id, new AccountSummary(id, prefix + id, domain, false, false));
            return id;
        }

        String username(long id) {
            return accounts.get(id).username();
        }

        void suspend(long id) {
            AccountSummary a = accounts.get(id);
            accounts.put(id, new AccountSummary(id, a.username(), a.domain(), a.locked(), true));
        }

        @Override
        public Optional<AccountSummary> byId(long accountId) {
            return Optional.ofNullable(accounts.get(accountId));
        }

        @Override
        public Optional<AccountSummary> localByUsername(String username) {
            return accounts.values().stream().filter(a -> a.local() && a.username().equalsIgnoreCase(username)).findFirst();
        }

        @Override
        public Map<Long, Object> render(Collection<Long> ids) {
            Map<Long, Object> out = new LinkedHashMap<>();
            for (Long id : ids) {
                AccountSummary a = accounts.get(id);
                if (a != null && !a.suspended()) out.put(id, Map.of("id", Long.toString(id), "username", a.username(), "acct", a.username()));
            }
            return out;
        }

        @Override
        public java.util.List<String> alsoKnownAs(long accountId) {
            return java.util.List.of();
        }

        /** Every account is a week old with 3 followers and 5 posts, so filters' facts can be checked. */
        @Override
        public Optional<social.herd.api.accounts.AccountStats> stats(long accountId) {
            return byId(accountId).map(a -> new social.herd.api.accounts.AccountStats(
                    java.time.Instant.parse("2026-01-01T00:00:00Z"), 3, 5));
        }

        /** Set by the fixture: who follows whom. */
        volatile Graph graph;

        @Override
        public int strangers(long authorId, Collection<Long> ids) {
            return (int) ids.stream().filter(id -> !graph.follows.contains(List.of(id, authorId))).count();
        }
    }

    /** Follows, blocks and mutes as sets of pairs. */
    static final class Graph implements SocialGraph {
        final Set<List<Long>> follows = ConcurrentHashMap.newKeySet();
        final Set<List<Long>> blocks = ConcurrentHashMap.newKeySet();
        final Set<List<Long>> mutes = ConcurrentHashMap.newKeySet();
        /** (follower, target) pairs of follows with reblogs hidden. */
        final Set<List<Long>> noReblogs = ConcurrentHashMap.newKeySet();

        void follow(long a, long b) { follows.add(List.of(a, b)); }
        void block(long a, long b) { blocks.add(List.of(a, b)); }
        void mute(long a, long b) { mutes.add(List.of(a, b)); }

        @Override public boolean follows(long follower, long target) { return follows.contains(List.of(follower, target)); }

        @Override
        public List<Long> following(long accountId) {
            return follows.stream().filter(p -> p.get(0) == accountId).map(p -> p.get(1)).toList();
        }

        @Override
        public List<Long> localFollowers(long accountId) {
            return follows.stream().filter(p -> p.get(1) == accountId).map(p -> p.get(0)).toList();
        }

        @Override
        public boolean blockedEitherWay(long a, long b) {
            return blocks.contains(List.of(a, b)) || blocks.contains(List.of(b, a));
        }

        @Override
        public Set<Long> reblogsHidden(long accountId) {
            Set<Long> out = new HashSet<>();
            noReblogs.forEach(p -> { if (p.get(0) == accountId) out.add(p.get(1)); });
            return out;
        }

        @Override
        public Set<Long> hiddenFrom(long viewerId) {
            Set<Long> out = new HashSet<>();
            blocks.forEach(p -> { if (p.get(0) == viewerId) out.add(p.get(1)); if (p.get(1) == viewerId) out.add(p.get(0)); });
            mutes.forEach(p -> { if (p.get(0) == viewerId) out.add(p.get(1)); });
            return out;
        }
    }

    /** Answers the verdict a test sets; remembers what it was asked. */
    static final class SettableModeration implements Moderation {
        volatile Verdict verdict = Verdict.accept();
        volatile ModerationSubject last;

        @Override
        public Verdict review(ModerationSubject subject) {
            last = subject;
            return verdict;
        }
    }
}
