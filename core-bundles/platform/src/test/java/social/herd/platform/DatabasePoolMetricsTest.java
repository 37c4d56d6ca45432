package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import social.herd.platform.impl.db.DatabasePoolMetrics;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.testing.TestPostgres;

class DatabasePoolMetricsTest {

    @Test
    void gaugesFollowThePool() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        try (PooledDataSource ds = TestDb.pool(TestPostgres.freshDatabase(), 4)) {
            new DatabasePoolMetrics(ds, metrics);
            try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
                assertThat(metrics.gauge("herd_db_pool_active_connections")).isEqualTo(2.0);
                assertThat(metrics.gauge("herd_db_pool_total_connections")).isGreaterThanOrEqualTo(2.0);
            }
            assertThat(metrics.gauge("herd_db_pool_active_connections")).isZero();
            assertThat(metrics.gauge("herd_db_pool_pending_threads")).isZero();
        }
    }
}
