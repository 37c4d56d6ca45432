package social.herd.api.jobs;

import java.util.Map;
import social.herd.api.db.Tx;

/** The durable job queue. Jobs survive crashes: they are rows in PostgreSQL until done. */
@org.osgi.annotation.versioning.ProviderType
public interface JobQueue {

    /** Enqueues in the caller's transaction: the job exists only if that transaction commits. */
    long enqueue(Tx tx, JobRequest request);

    /** Enqueues in a transaction of its own. */
    long enqueue(JobRequest request);

    /** Per queue: jobs waiting (due or scheduled) and dead jobs, for metrics and the admin console. */
    Map<String, QueueStats> stats();

    /**
     * Counts for one queue.
     *
     * @param waiting jobs not yet done, including running and scheduled ones
     * @param dead    jobs that used up their attempts
     * @param oldestWaitSeconds how long the oldest due job has waited, 0 when none
     */
    record QueueStats(long waiting, long dead, double oldestWaitSeconds) {}
}
