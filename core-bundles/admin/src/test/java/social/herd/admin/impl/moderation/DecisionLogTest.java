package social.herd.admin.impl.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.metrics.Metrics;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.migrate.MigrationFiles;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.SignUp;
import social.herd.spi.moderation.Verdict;
import social.herd.testing.TestPostgres;

/** Decisions go from the chain to the table off the posting path, are listed newest first, and expire. */
class DecisionLogTest {

    static PooledDataSource ds;
    static TxDatabase db;
    static DecisionLog log;

    @BeforeAll
    static void start() throws Exception {
        ds = new PooledDataSource(Map.of("url", TestPostgres.freshDatabase(), "user", "postgres", "pool_size", 4));
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("social.herd.platform", MigrationFiles.platform());
        runner.migrate("social.herd.admin", MigrationFiles.in(Path.of("target/classes/db/migration")));
        db = new TxDatabase(ds);
        log = new DecisionLog(db, new TimeSortableIdGenerator(), new NoMetrics(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        log.deactivate();
        ds.close();
    }

    @Test
    void recordedDecisionsAreListedNewestFirstAndFilterable() {
        log.record(FilterDecision.of("keywords", Verdict.reject("no casinos"),
                new LocalPost(7, "alice", "casino night", "", false, "public", 0, List.of(), false)));
        log.record(FilterDecision.failure("broken", "timeout", new SignUp("bob", "b@example.com", "", "", null, false)));
        log.flush();
        List<DecisionMapper.Row> all = db.read(tx -> tx.mapper(DecisionMapper.class).page(null, null, null, null, null, null, null, 10))
                .stream().filter(r -> !r.filter().equals("old")).toList();
        assertThat(all).extracting(DecisionMapper.Row::filter).containsExactly("broken", "keywords");
        DecisionMapper.Row reject = all.get(1);
        assertThat(reject.decision()).isEqualTo("reject");
        assertThat(reject.context()).isEqualTo("local_post");
        assertThat(reject.reason()).isEqualTo("no casinos");
        assertThat(reject.accountId()).isEqualTo(7L);
        assertThat(reject.excerpt()).isEqualTo("casino night");
        List<DecisionMapper.Row> timeouts = db.read(tx -> tx.mapper(DecisionMapper.class)
                .page(null, "timeout", "sign_up", null, null, null, null, 10));
        assertThat(timeouts).extracting(DecisionMapper.Row::subject).containsExactly("sign-up bob");
    }

    @Test
    void decisionsOlderThanNinetyDaysArePurged() throws Exception {
        log.record(FilterDecision.of("old", Verdict.hold("x"), new SignUp("carl", "c@example.com", "", "", null, false)));
        log.flush();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE moderation_decisions SET created_at = now() - interval '91 days' WHERE filter = 'old'");
        }
        new DecisionPurgeTask(db, null).run();
        List<DecisionMapper.Row> old = db.read(tx -> tx.mapper(DecisionMapper.class).page("old", null, null, null, null, null, null, 10));
        assertThat(old).isEmpty();
    }

    static final class NoMetrics implements Metrics {
        @Override public Counter counter(String name, String help, String... labelNames) { return values -> { }; }
        @Override public Timer timer(String name, String help, String... labelNames) { return (d, v) -> { }; }
        @Override public void gauge(String name, String help, DoubleSupplier value) { }
        @Override public void writeTo(Appendable out) throws IOException { }
    }
}
