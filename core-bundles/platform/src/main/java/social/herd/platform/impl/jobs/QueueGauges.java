package social.herd.platform.impl.jobs;

import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.JobQueue.QueueStats;
import social.herd.api.jobs.Queues;
import social.herd.api.metrics.Metrics;

/**
 * Gauges of queue depth and oldest wait, one pair per queue.
 *
 * <p>{@link Metrics#gauge} takes no labels, so the queue is part of the name
 * ({@code herd_jobs_waiting_push}). All gauges read one snapshot of {@link JobQueue#stats()},
 * refreshed at most every few seconds: a scrape costs one GROUP BY query, not twelve. The
 * registry offers no way to remove a gauge, so after {@link #close()} they read NaN ("unknown")
 * instead of keeping this object's last numbers alive.
 */
public final class QueueGauges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);
    private static final long MAX_AGE_NANOS = 5_000_000_000L;

    private final JobQueue queue;
    private Map<String, QueueStats> snapshot;
    private long takenAt;
    private volatile boolean closed;

    public QueueGauges(JobQueue queue, Metrics metrics) {
        this.queue = queue;
        for (String q : Queues.ALL) {
            metrics.gauge("herd_jobs_waiting_" + q, "Jobs not yet done in queue " + q + ", dead ones excluded.",
                    () -> read(q, QueueStats::waiting));
            metrics.gauge("herd_jobs_oldest_wait_seconds_" + q, "Age of the oldest due job in queue " + q + ".",
                    () -> read(q, QueueStats::oldestWaitSeconds));
        }
    }

    private double read(String q, ToDoubleFunction<QueueStats> field) {
        if (closed) return Double.NaN;
        Map<String, QueueStats> stats = current();
        QueueStats s = stats == null ? null : stats.get(q);
        return s == null ? Double.NaN : field.applyAsDouble(s);
    }

    private synchronized Map<String, QueueStats> current() {
        long now = System.nanoTime();
        if (snapshot == null || now - takenAt > MAX_AGE_NANOS) {
            try {
                snapshot = queue.stats();
            } catch (RuntimeException e) {
                LOG.debug("queue stats unavailable: {}", e.toString());
                snapshot = null;
            }
            takenAt = now;
        }
        return snapshot;
    }

    @Override
    public void close() {
        closed = true;
    }
}
