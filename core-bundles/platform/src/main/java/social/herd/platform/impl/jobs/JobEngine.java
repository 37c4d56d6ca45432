package social.herd.platform.impl.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.jobs.Job;
import social.herd.api.jobs.JobHandler;
import social.herd.api.jobs.PeriodicTask;
import social.herd.api.jobs.PermanentJobFailure;
import social.herd.api.metrics.Metrics;

/**
 * Runs queued jobs and periodic tasks on this node.
 *
 * <p>One dispatcher thread claims due jobs for every queue that has idle workers (never more than
 * it can run, so claimed jobs do not sit in memory) and hands them to that queue's own bounded
 * pool. A claim is a lease: {@code locked_until} is pushed forward by a heartbeat while the job
 * runs, and a job whose node died is claimed again once the lease has run out (at-least-once).
 * Only types with a registered handler are claimed, so jobs of a plugin that is not installed
 * wait. The dispatcher wakes on NOTIFY from new jobs and on its poll interval otherwise.
 *
 * <p>Periodic tasks are claimed in {@code herd_periodic_tasks} by moving {@code next_run_at}
 * forward in one UPDATE: whichever node moves it runs the task, so each interval runs once in
 * the cluster without any in-memory timer deciding.
 */
public final class JobEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    private static final int MAX_ERROR_CHARS = 4_000;

    /** Due ready jobs, oldest first, straight from the (queue, run_at, id) index. */
    private static final String CLAIM = """
            UPDATE herd_jobs j
               SET state = 'running', attempt = j.attempt + 1, locked_by = ?,
                   locked_until = now() + ? * interval '1 millisecond'
              FROM (SELECT id FROM herd_jobs
                     WHERE queue = ? AND state = 'ready' AND run_at <= now()
                       AND type = ANY (?) AND attempt < max_attempts
                     ORDER BY run_at, id
                     LIMIT ? FOR UPDATE SKIP LOCKED) due
             WHERE j.id = due.id
            RETURNING j.id, j.queue, j.type, j.payload, j.attempt, j.max_attempts, j.created_at""";
    /** Jobs whose node died while running them (lease ran out); looked for once per poll interval. */
    private static final String CLAIM_EXPIRED = CLAIM.replace("state = 'ready' AND run_at <= now()",
            "state = 'running' AND locked_until <= now()").replace("ORDER BY run_at, id", "ORDER BY locked_until, id");
    private static final String DONE = "DELETE FROM herd_jobs WHERE id = ?";
    private static final String RETRY = "UPDATE herd_jobs SET state = 'ready', run_at = now() + ? * interval '1 millisecond', "
            + "locked_by = NULL, locked_until = NULL, last_error = ? WHERE id = ? AND locked_by = ? AND attempt = ?";
    private static final String DEAD = "UPDATE herd_jobs SET state = 'dead', dead_at = now(), locked_by = NULL, "
            + "locked_until = NULL, last_error = ? WHERE id = ? AND locked_by = ? AND attempt = ?";
    private static final String RELEASE = "UPDATE herd_jobs SET state = 'ready', run_at = now(), attempt = attempt - 1, "
            + "locked_by = NULL, locked_until = NULL WHERE id = ANY (?) AND locked_by = ?";
    private static final String HEARTBEAT = "UPDATE herd_jobs SET locked_until = now() + ? * interval '1 millisecond' "
            + "WHERE id = ANY (?) AND locked_by = ? AND state = 'running'";
    private static final String SWEEP = "UPDATE herd_jobs SET state = 'dead', dead_at = now(), locked_by = NULL, "
            + "locked_until = NULL, last_error = 'worker lost (lease expired) on the last attempt' "
            + "WHERE state = 'running' AND locked_until <= now() AND attempt >= max_attempts RETURNING queue";
    /** One queue's workers on this node. */
    record Lane(String queue, int size, ExecutorService pool, AtomicInteger busy) {
        int free() {
            return Math.max(0, size - busy.get());
        }
    }

    private record Claimed(Job job, int maxAttempts) {}

    private final DataSource dataSource;
    private final JobSettings settings;
    private final String node;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final PeriodicTasks tasks;
    private final Map<Long, Integer> runningJobs = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService control;
    private final Metrics.Counter done;
    private final Metrics.Counter failed;
    private final Metrics.Counter dead;
    private final Metrics.Timer duration;
    private volatile boolean running;
    private volatile long lastHeartbeat;
    private volatile long lastSweep;
    /** NOTIFYs seen per queue: a lane found empty stays skipped until its queue is notified again. */
    private final Map<String, java.util.concurrent.atomic.AtomicLong> notified = new ConcurrentHashMap<>();
    /** Dispatcher thread only: the notification count at which a lane's claim came back short. */
    private final Map<String, Long> drainedAt = new HashMap<>();
    /** Dispatcher thread only: when every lane and the periodic tasks were last looked at. */
    private long lastFullLook;
    private volatile boolean lookEverywhere = true;
    private volatile boolean dbTrouble;

    /**
     * @param node this node's name in {@code locked_by}; must differ between live processes
     */
    public JobEngine(DataSource dataSource, Metrics metrics, JobSettings settings, String node) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.node = node;
        this.done = metrics.counter("herd_jobs_done_total", "Jobs that completed.", "queue");
        this.failed = metrics.counter("herd_jobs_failed_total", "Job runs that failed and will be retried.", "queue");
        this.dead = metrics.counter("herd_jobs_dead_total", "Jobs that used up their attempts or failed permanently.", "queue");
        this.tasks = new PeriodicTasks(node, metrics);
        this.duration = metrics.timer("herd_job_duration_seconds", "Time jobs took to run.", "queue");
        settings.workers().forEach((queue, size) -> {
            if (size > 0) {
                lanes.put(queue, new Lane(queue, size, Executors.newFixedThreadPool(size, named("herd-job-" + queue)),
                        new AtomicInteger()));
            }
        });
        this.control = Executors.newFixedThreadPool(2, named("herd-jobs"));
    }

    /** A node name unique among live processes: host, pid and a random suffix. */
    public static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /** Starts the dispatcher and the NOTIFY listener. */
    public void start() {
        running = true;
        control.execute(this::dispatchLoop);
        control.execute(this::listenLoop);
        LOG.info("job workers started on {} ({})", node, settings.workers());
    }

    /** Makes jobs of {@code type} runnable here; they start at the next dispatch. */
    public void addHandler(String type, JobHandler handler) {
        JobHandler previous = handlers.put(type, handler);
        if (previous != null && previous != handler) LOG.warn("two handlers for job type {}; using the newer", type);
        lookEverywhere();
    }

    /** Stops claiming jobs of {@code type}, if {@code handler} is the one registered for it. */
    public void removeHandler(String type, JobHandler handler) {
        handlers.remove(type, handler);
    }

    public void addTask(String name, PeriodicTask task) {
        tasks.add(name, task);
        lookEverywhere();
    }

    public void removeTask(String name, PeriodicTask task) {
        tasks.remove(name, task);
    }

    /** Wakes the dispatcher for a look at every lane and task (something new may be runnable). */
    private void lookEverywhere() {
        lookEverywhere = true;
        wake();
    }

    private void wake() {
        if (wake.availablePermits() == 0) wake.release();
    }

    private void dispatchLoop() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                // every finished job wakes us: most wakes need one claim for that job's lane only.
                // Lanes found empty and the periodic tasks are looked at again once per poll
                // interval (jobs due later, expired leases) or when their queue is notified.
                long now = System.nanoTime();
                boolean full = lookEverywhere || now - lastFullLook >= settings.poll().toNanos();
                if (full) {
                    lookEverywhere = false;
                    drainedAt.clear();
                    lastFullLook = now;
                }
                dispatchJobs(c, full);
                if (running && full) tasks.dispatch(c, lanes.get(social.herd.api.jobs.Queues.SCHEDULER));
                housekeeping(c);
                if (dbTrouble) LOG.info("job queue database reachable again");
                dbTrouble = false;
            } catch (SQLException | RuntimeException e) {
                if (!dbTrouble && running) LOG.warn("job dispatch failed, retrying: {}", e.toString());
                dbTrouble = true;
            }
            try {
                if (wake.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS)) wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void dispatchJobs(Connection c, boolean full) throws SQLException {
        if (handlers.isEmpty()) return;
        Array types = c.createArrayOf("text", handlers.keySet().toArray());
        for (Lane lane : lanes.values()) {
            int free = lane.free();
            if (free == 0 || !running) continue;
            long seen = notifications(lane.queue()).get();
            Long drained = drainedAt.get(lane.queue());
            if (drained != null && drained == seen) continue;
            List<Claimed> claimed = new ArrayList<>(full ? claim(c, CLAIM_EXPIRED, lane.queue(), types, free) : List.of());
            if (claimed.size() < free) claimed.addAll(claim(c, CLAIM, lane.queue(), types, free - claimed.size()));
            // seen was read before the claim, so a job notified meanwhile is not skipped
            if (claimed.size() < free) drainedAt.put(lane.queue(), seen);
            else drainedAt.remove(lane.queue());
            for (Claimed job : claimed) {
                lane.busy().incrementAndGet();
                runningJobs.put(job.job().id(), job.job().attempt());
                lane.pool().execute(() -> run(lane, job));
            }
        }
    }

    private java.util.concurrent.atomic.AtomicLong notifications(String queue) {
        return notified.computeIfAbsent(queue == null ? "" : queue, q -> new java.util.concurrent.atomic.AtomicLong());
    }

    private List<Claimed> claim(Connection c, String sql, String queue, Array types, int limit) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, node);
            ps.setLong(2, settings.lease().toMillis());
            ps.setString(3, queue);
            ps.setArray(4, types);
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Job job = new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getTimestamp(7).toInstant());
                    claimed.add(new Claimed(job, rs.getInt(6)));
                }
            }
        }
        return claimed;
    }

    private void run(Lane lane, Claimed claimed) {
        Job job = claimed.job();
        long start = System.nanoTime();
        try {
            JobHandler handler = handlers.get(job.type());
            if (handler == null) {
                // its plugin went away between claim and start: give the job back untouched
                release(List.of(job.id()));
                return;
            }
            try {
                handler.handle(job);
                finish(DONE, job, null, 0);
                done.inc(job.queue());
                LOG.debug("job {} {} done (attempt {})", job.id(), job.type(), job.attempt());
            } catch (PermanentJobFailure e) {
                finish(DEAD, job, describe(e), 0);
                dead.inc(job.queue());
                LOG.warn("job {} {} dead: {}", job.id(), job.type(), e.getMessage());
            } catch (Exception | LinkageError e) {
                if (job.attempt() >= claimed.maxAttempts()) {
                    finish(DEAD, job, describe(e), 0);
                    dead.inc(job.queue());
                    LOG.warn("job {} {} dead after {} attempts: {}", job.id(), job.type(), job.attempt(), e.toString());
                } else {
                    Duration delay = settings.backoff(job.attempt(), ThreadLocalRandom.current().nextDouble());
                    finish(RETRY, job, describe(e), delay.toMillis());
                    failed.inc(job.queue());
                    LOG.debug("job {} {} failed (attempt {}), retry in {} ms: {}", job.id(), job.type(), job.attempt(),
                            delay.toMillis(), e.toString());
                }
            }
        } catch (SQLException | RuntimeException e) {
            // the outcome was not recorded: the lease runs out and the job runs again (at-least-once)
            LOG.warn("job {} {}: recording the outcome failed: {}", job.id(), job.type(), e.toString());
        } finally {
            duration.record(Duration.ofNanos(System.nanoTime() - start), job.queue());
            runningJobs.remove(job.id());
            lane.busy().decrementAndGet();
            wake();
        }
    }

    private void finish(String sql, Job job, String error, long delayMillis) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            if (sql == DONE) {
                ps.setLong(1, job.id());
            } else if (sql == RETRY) {
                ps.setLong(1, delayMillis);
                ps.setString(2, error);
                ps.setLong(3, job.id());
                ps.setString(4, node);
                ps.setInt(5, job.attempt());
            } else {
                ps.setString(1, error);
                ps.setLong(2, job.id());
                ps.setString(3, node);
                ps.setInt(4, job.attempt());
            }
            ps.executeUpdate();
        }
    }

    private void release(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) return;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE)) {
            c.setAutoCommit(true);
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.setString(2, node);
            ps.executeUpdate();
        }
    }

    /** Extends the leases of running jobs and buries jobs whose worker died on their last attempt. */
    private void housekeeping(Connection c) throws SQLException {
        long now = System.nanoTime();
        long leaseNanos = settings.lease().toNanos();
        if (!runningJobs.isEmpty() && now - lastHeartbeat >= leaseNanos / 3) {
            try (PreparedStatement ps = c.prepareStatement(HEARTBEAT)) {
                ps.setLong(1, settings.lease().toMillis());
                ps.setArray(2, c.createArrayOf("bigint", runningJobs.keySet().toArray()));
                ps.setString(3, node);
                ps.executeUpdate();
            }
            lastHeartbeat = now;
        }
        if (now - lastSweep >= Math.max(leaseNanos, TimeUnit.SECONDS.toNanos(5))) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SWEEP)) {
                while (rs.next()) dead.inc(rs.getString(1));
            }
            lastSweep = now;
        }
    }

    private void listenLoop() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN herd_jobs");
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(250);
                    if (notes != null && notes.length > 0) {
                        for (PGNotification n : notes) notifications(n.getParameter()).incrementAndGet();
                        wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // polling still finds jobs; try listening again shortly
                LOG.debug("job notification listener failed: {}", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Stops claiming, lets running jobs finish for the grace period, then gives the leases of jobs
     * still running back (without using up an attempt) so another node picks them up at once.
     */
    @Override
    public void close() {
        if (!running) {
            shutdownAll();
            return;
        }
        running = false;
        wake();
        control.shutdown();
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        for (Lane lane : lanes.values()) {
            lane.pool().shutdown();
        }
        try {
            for (Lane lane : lanes.values()) {
                lane.pool().awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            control.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            tasks.releaseLease(c);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("giving the scheduler lease back failed; another node takes it when it runs out: {}", e.toString());
        }
        List<Long> unfinished = new ArrayList<>(runningJobs.keySet());
        try {
            release(unfinished);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("releasing {} running jobs failed; they run again after their lease: {}", unfinished.size(), e.toString());
        }
        shutdownAll();
        LOG.info("job workers stopped on {} ({} jobs handed back)", node, unfinished.size());
    }

    private void shutdownAll() {
        control.shutdownNow();
        lanes.values().forEach(l -> l.pool().shutdownNow());
    }

    private static String describe(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
