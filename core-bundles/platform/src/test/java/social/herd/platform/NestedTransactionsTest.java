package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import social.herd.api.db.Tx;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.testing.TestPostgres;

/**
 * Work started inside a transaction (another bundle's service called from a request) joins it: the
 * pool is never asked for a second connection by the same request.
 */
class NestedTransactionsTest {

    private static long count(Tx tx, String sql) throws Exception {
        try (Statement s = tx.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void nestedWorkSeesTheOuterTransactionAndCommitsWithIt() {
        try (PooledDataSource ds = TestDb.pool(TestPostgres.freshDatabase(), 2)) {
            TxDatabase db = new TxDatabase(ds);
            db.transaction(tx -> {
                tx.connection().createStatement().execute("CREATE TABLE t (n int)");
                return null;
            });
            db.transaction(outer -> {
                outer.connection().createStatement().execute("INSERT INTO t VALUES (1)");
                long seen = db.<Long>read(inner -> count(inner, "SELECT count(*) FROM t"));
                assertThat(seen).as("the nested read runs on the outer, uncommitted transaction").isEqualTo(1);
                db.transaction(inner -> inner.connection().createStatement().execute("INSERT INTO t VALUES (2)"));
                return null;
            });
            assertThat((long) db.<Long>read(tx -> count(tx, "SELECT count(*) FROM t"))).isEqualTo(2L);

            try {
                db.transaction(outer -> {
                    outer.connection().createStatement().execute("INSERT INTO t VALUES (3)");
                    db.transaction(inner -> inner.connection().createStatement().execute("INSERT INTO t VALUES (4)"));
                    throw new IllegalStateException("abort");
                });
            } catch (IllegalStateException expected) {
                // both inserts roll back with the outer transaction
            }
            assertThat((long) db.<Long>read(tx -> count(tx, "SELECT count(*) FROM t"))).isEqualTo(2L);
        }
    }

    @Test
    void manyRequestsWithNestedReadsDoNotStarveASmallPool() throws Exception {
        try (PooledDataSource ds = TestDb.pool(TestPostgres.freshDatabase(), 2)) {
            TxDatabase db = new TxDatabase(ds);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Long>> answers = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < 40; i++) {
                    answers.add(pool.submit(() -> db.<Long>read(outer -> db.<Long>read(inner -> count(inner, "SELECT 1")))));
                }
                for (Future<Long> a : answers) assertThat((long) a.get(20, TimeUnit.SECONDS)).isEqualTo(1L);
                // without joining, 8 threads holding the 2 connections wait for a third until the
                // pool's 5 s timeout; joined, 40 requests take milliseconds
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
