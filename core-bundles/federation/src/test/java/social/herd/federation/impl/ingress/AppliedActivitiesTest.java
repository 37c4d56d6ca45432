package social.herd.federation.impl.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.herd.federation.impl.db.AppliedMapper;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.migrate.MigrationFiles;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.testing.TestPostgres;

/** The exactly-once memory of applied activities, on a real PostgreSQL with federation's schema. */
class AppliedActivitiesTest {

    private PooledDataSource ds;
    private TxDatabase db;

    @BeforeEach
    void setUp() {
        ds = new PooledDataSource(Map.of("url", TestPostgres.freshDatabase(), "user", "postgres", "pool_size", 2));
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("social.herd.platform", MigrationFiles.platform());
        runner.migrate("social.herd.federation", MigrationFiles.in(Path.of("target/classes/db/migration")));
        db = new TxDatabase(ds);
    }

    @AfterEach
    void tearDown() {
        ds.close();
    }

    private boolean applied(String id) {
        Boolean b = db.read(tx -> tx.mapper(AppliedMapper.class).applied(id));
        return b;
    }

    private int claim(String id) {
        Integer n = db.transaction(tx -> tx.mapper(AppliedMapper.class).claim(id));
        return n;
    }

    @Test
    void anActivityIsClaimedOnceAndForgottenAfterAMonth() {
        String id = "https://remote.example/users/bob/statuses/1/activity";
        assertThat(applied(id)).isFalse();
        assertThat(claim(id)).isEqualTo(1);
        assertThat(claim(id)).as("a redelivery").isZero();
        assertThat(applied(id)).isTrue();
        db.transaction(tx -> tx.connection().createStatement().executeUpdate(
                "INSERT INTO federation_applied (activity_id, applied_at) VALUES ('old', now() - interval '31 days')"));

        new AppliedPurgeTask(db).run();

        assertThat(applied("old")).isFalse();
        assertThat(applied(id)).as("recent ids stay").isTrue();
    }
}
