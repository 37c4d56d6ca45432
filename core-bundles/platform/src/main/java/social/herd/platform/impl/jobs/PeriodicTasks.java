package social.herd.platform.impl.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.jobs.PeriodicTask;
import social.herd.api.metrics.Metrics;

/**
 * The periodic tasks of one node, run once per interval across the cluster, on the node holding
 * the scheduler lease ({@link SchedulerLease}): each due task's {@code next_run_at} is moved forward
 * in one UPDATE (so even two nodes that both believe they lead never run a task twice per interval)
 * and the task runs on the scheduler lane. A run still going here is not started again here.
 */
final class PeriodicTasks {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTasks.class);
    private static final String ENSURE = "INSERT INTO herd_periodic_tasks (name, next_run_at) "
            + "SELECT unnest(?::text[]), now() ON CONFLICT (name) DO NOTHING";
    private static final String CLAIM = """
            UPDATE herd_periodic_tasks t
               SET next_run_at = now() + v.ms * interval '1 millisecond', last_run_at = now(), last_node = ?
              FROM unnest(?::text[], ?::bigint[]) AS v(name, ms)
             WHERE t.name = v.name AND t.next_run_at <= now()
            RETURNING t.name""";

    private final String node;
    private final Map<String, PeriodicTask> tasks = new ConcurrentHashMap<>();
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Metrics.Counter failures;
    private final SchedulerLease lease;

    PeriodicTasks(String node, Metrics metrics) {
        this.node = node;
        this.failures = metrics.counter("herd_periodic_task_failures_total", "Periodic task runs that failed.", "task");
        this.lease = new SchedulerLease(node);
        metrics.gauge("herd_scheduler_leader", "1 on the node that runs the periodic tasks (holds the scheduler lease)",
                () -> lease.held() ? 1 : 0);
    }

    /** Gives the scheduler lease back at shutdown. */
    void releaseLease(Connection c) throws SQLException {
        lease.release(c);
    }

    void add(String name, PeriodicTask task) {
        tasks.put(name, task);
    }

    void remove(String name, PeriodicTask task) {
        tasks.remove(name, task);
    }

    /**
     * On the node holding the scheduler lease, claims the due tasks and starts them on
     * {@code lane}; a null lane means tasks are off on this node.
     */
    void dispatch(Connection c, JobEngine.Lane lane) throws SQLException {
        if (lane == null || !lease.hold(c) || tasks.isEmpty()) return;
        Map<String, PeriodicTask> snapshot = new HashMap<>(tasks);
        if (!ensured.containsAll(snapshot.keySet())) {
            try (PreparedStatement ps = c.prepareStatement(ENSURE)) {
                ps.setArray(1, c.createArrayOf("text", snapshot.keySet().toArray()));
                ps.executeUpdate();
            }
            ensured.addAll(snapshot.keySet());
        }
        snapshot.keySet().removeAll(running); // a slow run here is not started twice here
        if (snapshot.isEmpty()) return;
        List<String> names = new ArrayList<>(snapshot.keySet());
        Long[] intervals = names.stream().map(n -> Math.max(1, snapshot.get(n).interval().toMillis())).toArray(Long[]::new);
        List<String> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, node);
            ps.setArray(2, c.createArrayOf("text", names.toArray()));
            ps.setArray(3, c.createArrayOf("bigint", intervals));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) due.add(rs.getString(1));
            }
        }
        for (String name : due) start(name, snapshot.get(name), lane);
    }

    private void start(String name, PeriodicTask task, JobEngine.Lane lane) {
        running.add(name);
        lane.busy().incrementAndGet();
        lane.pool().execute(() -> {
            try {
                task.run();
                LOG.debug("periodic task {} ran", name);
            } catch (Exception | LinkageError e) {
                failures.inc(name);
                LOG.warn("periodic task {} failed: {}", name, e.toString());
            } finally {
                running.remove(name);
                lane.busy().decrementAndGet();
            }
        });
    }
}
