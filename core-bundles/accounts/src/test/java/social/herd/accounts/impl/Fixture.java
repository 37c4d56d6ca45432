package social.herd.accounts.impl;

import social.herd.api.auth.Role;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import social.herd.accounts.api.SignUpTokens;
import social.herd.accounts.impl.keys.ActorKeyService;
import social.herd.accounts.impl.security.PasswordHasher;
import social.herd.api.auth.Sessions;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Tx;
import social.herd.api.kv.Cache;
import social.herd.api.kv.RateLimiter;
import social.herd.api.mail.Mail;
import social.herd.api.mail.Mailer;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.events.EventBus;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.platform.impl.migrate.MigrationFiles;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.testing.TestPostgres;

/**
 * The bundle's services wired as DS would wire them, on a fresh real PostgreSQL database with the
 * platform's and this bundle's real migrations. Collaborators owned by other bundles (mail, OAuth
 * tokens and sessions, rate limits, cache) are small recording implementations.
 */
final class Fixture implements AutoCloseable {

    static final PasswordHasher HASHER = new PasswordHasher();

    final PooledDataSource ds;
    final TxDatabase db;
    final TimeSortableIdGenerator ids = new TimeSortableIdGenerator();
    final PostgresJobQueue jobs;
    final AccountEvents events;
    final Settings settings;
    final RecordingMailer mailer = new RecordingMailer();
    final MemoryLimiter limiter = new MemoryLimiter();
    final MemoryCache cache = new MemoryCache();
    final RecordingSessions sessions = new RecordingSessions();
    final FakeTokens tokens = new FakeTokens();
    final SignUpService signUps;
    final PasswordService passwords;
    final ProfileService profiles;
    final UserDirectory users;
    final AccountAdmin admin;
    final RelationshipService relationships;
    final RelationshipQueries relationshipQueries;
    final AccountDeletion deletion;
    final AccountPurgeTask purge;
    final ActorKeyService keys;
    final RemoteAccountService remoteAccounts;
    final FederatedGraphService federatedGraph;
    final AccountMoves moves;

    Fixture(Path dataDir) {
        ds = new PooledDataSource(Map.of("url", TestPostgres.freshDatabase(), "user", "postgres", "pool_size", 4));
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("social.herd.platform", MigrationFiles.platform());
        runner.migrate("social.herd.accounts", MigrationFiles.in(Path.of("target/classes/db/migration")));
        db = new TxDatabase(ds);
        jobs = new PostgresJobQueue(db, ids);
        settings = new Settings(dataDir);
        events = new AccountEvents(new EventBus(jobs));
        signUps = new SignUpService(db, ids, settings, limiter, mailer, HASHER, events, Clock.systemUTC());
        signUps.setTokens(tokens);
        passwords = new PasswordService(db, limiter, mailer, settings, HASHER, Clock.systemUTC());
        passwords.setSessions(sessions);
        profiles = new ProfileService(db, settings, events, Clock.systemUTC());
        users = new UserDirectory(db, limiter, cache, HASHER);
        admin = new AccountAdmin(db, ids, mailer, settings, passwords, HASHER, Clock.systemUTC());
        relationships = new RelationshipService(db, ids, events, Clock.systemUTC());
        relationshipQueries = new RelationshipQueries(db, settings, Clock.systemUTC());
        deletion = new AccountDeletion(db, limiter, cache, passwords, events, HASHER, Clock.systemUTC());
        remoteAccounts = new RemoteAccountService(db, ids, events, Clock.systemUTC());
        federatedGraph = new FederatedGraphService(db, ids, events, Clock.systemUTC());
        moves = new AccountMoves(db, ids, events, passwords, profiles, settings, Clock.systemUTC());
        purge = new AccountPurgeTask(db, Clock.systemUTC());
        keys = new ActorKeyService(db, Clock.systemUTC());
    }

    /** A confirmed user named {@code username}; its API token, {@code user:<userId>:<accountId>}. */
    String userToken(String username) {
        admin.create(username, username + "@example.org", Role.USER, true);
        long userId = count("SELECT id FROM users WHERE email = '" + username + "@example.org'");
        return "user:" + userId + ":" + count("SELECT account_id FROM users WHERE id = " + userId);
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

    void exec(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The token in the link of the last mail of {@code template}. */
    String lastLinkToken(String template, String parameter) {
        Mail mail = mailer.last(template);
        String link = mail.model().get("link");
        int i = link.indexOf(parameter + "=");
        return java.net.URLDecoder.decode(link.substring(i + parameter.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
    }



    /** Server settings with a switchable registration mode. */
    static final class Settings implements ServerSettings {
        volatile Registrations mode = Registrations.OPEN;
        private final Path dataDir;

        Settings(Path dataDir) {
            this.dataDir = dataDir;
        }

        @Override public URI publicUrl() { return URI.create("https://social.example"); }
        @Override public String webDomain() { return "social.example"; }
        @Override public String localDomain() { return "example.com"; }
        @Override public Path dataDir() { return dataDir; }
        @Override public Registrations registrations() { return mode; }
        @Override public Role role() { return Role.ALL; }
        @Override public String version() { return "0.1.0"; }
    }

    /** Records mails; enqueues nothing (the mail bundle's worker is not under test here). */
    static final class RecordingMailer implements Mailer {
        final List<Mail> sent = new ArrayList<>();
        private final List<Mail> pending = new ArrayList<>();

        @Override
        public synchronized void send(Tx tx, Mail mail) {
            // like the real one: only mail of committed transactions goes out
            pending.add(mail);
            tx.afterCommit(() -> {
                synchronized (this) {
                    pending.remove(mail);
                    sent.add(mail);
                }
            });
        }

        synchronized Mail last(String template) {
            for (int i = sent.size() - 1; i >= 0; i--) if (sent.get(i).template().equals(template)) return sent.get(i);
            throw new AssertionError("no " + template + " mail sent; sent: " + sent.stream().map(Mail::template).toList());
        }

        synchronized long count(String template) {
            return sent.stream().filter(m -> m.template().equals(template)).count();
        }
    }

    /** Fixed-window counts in a map. */
    static final class MemoryLimiter implements RateLimiter {
        private final Map<String, Long> hits = new HashMap<>();

        @Override
        public synchronized Decision hit(String bucket, long limit, Duration window) {
            long n = hits.merge(bucket, 1L, Long::sum);
            return new Decision(n <= limit, limit, Math.max(0, limit - n), Instant.now().plus(window));
        }

        synchronized void reset() {
            hits.clear();
        }
    }

    static final class MemoryCache implements Cache {
        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override public Optional<String> get(String key) { return Optional.ofNullable(values.get(key)); }
        @Override public void put(String key, String value, Duration ttl) { values.put(key, value); }
        @Override public void delete(String key) { values.remove(key); }

        void clear() {
            values.clear();
        }
    }

    /** Records whose sessions were ended, in committed transactions only. */
    static final class RecordingSessions implements Sessions {
        final List<Long> revoked = new ArrayList<>();

        @Override
        public void revokeAll(Tx tx, long userId) {
            tx.afterCommit(() -> {
                synchronized (revoked) {
                    revoked.add(userId);
                }
            });
        }
    }

    /** Issues fake tokens, writing nothing; remembers who got one. */
    static final class FakeTokens implements SignUpTokens {
        final Map<Long, Long> userByApp = new ConcurrentHashMap<>();
        volatile long lastUserId;

        @Override
        public IssuedToken issue(Tx tx, long applicationId, long userId, Set<String> scopes) {
            lastUserId = userId;
            userByApp.put(applicationId, userId);
            return new IssuedToken("token-for-" + userId, "Bearer", String.join(" ", scopes), Instant.now().getEpochSecond());
        }
    }
}
