package social.herd.platform.impl.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.metrics.Metrics;

/**
 * Publishes the connection pool's state as gauges ({@code herd_db_pool_*}): a pool that stays
 * exhausted, with requests waiting for connections, is the first sign of a slow database.
 */
@Component(immediate = true)
public final class DatabasePoolMetrics {

    private volatile HikariPoolMXBean pool;

    @Activate
    public DatabasePoolMetrics(@Reference(target = "(herd.datasource=primary)") DataSource dataSource,
                               @Reference Metrics metrics) throws SQLException {
        this.pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        gauge(metrics, "herd_db_pool_active_connections", "Connections in use", HikariPoolMXBean::getActiveConnections);
        gauge(metrics, "herd_db_pool_idle_connections", "Connections idle in the pool", HikariPoolMXBean::getIdleConnections);
        gauge(metrics, "herd_db_pool_total_connections", "Connections open", HikariPoolMXBean::getTotalConnections);
        gauge(metrics, "herd_db_pool_pending_threads", "Threads waiting for a connection", HikariPoolMXBean::getThreadsAwaitingConnection);
    }

    private void gauge(Metrics metrics, String name, String help, ToIntFunction<HikariPoolMXBean> read) {
        // The registry cannot drop a gauge; after deactivation it reads NaN instead of a stale pool.
        metrics.gauge(name, help, () -> {
            HikariPoolMXBean p = pool;
            return p == null ? Double.NaN : read.applyAsInt(p);
        });
    }

    @Deactivate
    void deactivate() {
        pool = null;
    }
}
