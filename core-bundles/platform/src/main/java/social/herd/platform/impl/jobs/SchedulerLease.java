package social.herd.platform.impl.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node runs the periodic tasks: the one holding the single row of {@code herd_scheduler}.
 * The holder renews the lease every {@link #RENEW} and keeps it while it lives; any other node
 * tries every {@link #RETRY} to take it, which succeeds only once the lease has run out ({@link #TTL}
 * after the holder's last renewal: a killed scheduler is replaced within about 17 seconds). A node
 * that shuts down cleanly gives the lease back at once.
 */
final class SchedulerLease {

    static final Duration TTL = Duration.ofSeconds(15);
    static final Duration RENEW = Duration.ofSeconds(5);
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerLease.class);
    private static final String TAKE = """
            INSERT INTO herd_scheduler (id, node, expires_at) VALUES (1, ?, now() + ? * interval '1 millisecond')
            ON CONFLICT (id) DO UPDATE SET node = EXCLUDED.node, expires_at = EXCLUDED.expires_at
             WHERE herd_scheduler.node = EXCLUDED.node OR herd_scheduler.expires_at < now()
            RETURNING node""";

    private final String node;
    private volatile boolean held;
    private long lastTry;

    SchedulerLease(String node) {
        this.node = node;
    }

    /** True while this node holds the lease (renewing or taking it when due); dispatcher thread only. */
    boolean hold(Connection c) throws SQLException {
        long now = System.nanoTime();
        if (lastTry != 0 && now - lastTry < (held ? RENEW : RETRY).toNanos()) return held;
        lastTry = now;
        boolean got;
        try (PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, node);
            ps.setLong(2, TTL.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                got = rs.next();
            }
        }
        if (got && !held) LOG.info("scheduler lease taken node={}: periodic tasks run here", node);
        if (!got && held) LOG.warn("scheduler lease lost node={}: another node runs the periodic tasks", node);
        held = got;
        return got;
    }

    /** Gives the lease back (clean shutdown) so another node takes over without waiting for it to run out. */
    void release(Connection c) throws SQLException {
        if (!held) return;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM herd_scheduler WHERE node = ?")) {
            ps.setString(1, node);
            ps.executeUpdate();
        }
        held = false;
        LOG.info("scheduler lease released node={}", node);
    }

    boolean held() {
        return held;
    }
}
