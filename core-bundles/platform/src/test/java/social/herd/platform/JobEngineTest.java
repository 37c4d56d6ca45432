package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.PeriodicTask;
import social.herd.api.jobs.PermanentJobFailure;
import social.herd.api.jobs.Queues;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.jobs.JobEngine;
import social.herd.platform.impl.jobs.JobSettings;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.platform.impl.jobs.QueueGauges;
import social.herd.testing.TestPostgres;

class JobEngineTest {

    static final Map<String, Object> FAST = Map.of("poll_ms", 100, "lease_seconds", 2, "backoff_base_ms", 50,
            "backoff_max_seconds", 60, "shutdown_grace_seconds", 1);

    private PooledDataSource ds;
    private PostgresJobQueue queue;
    private RecordingMetrics metrics;
    private final List<JobEngine> engines = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ds = TestDb.pool(TestPostgres.freshDatabase(), 8);
        TestDb.migratePlatform(ds);
        queue = new PostgresJobQueue(new TxDatabase(ds), new TimeSortableIdGenerator());
        metrics = new RecordingMetrics();
    }

    @AfterEach
    void tearDown() {
        engines.forEach(JobEngine::close);
        ds.close();
    }

    private JobEngine engine(String node, Map<String, Object> config) {
        JobEngine e = new JobEngine(ds, metrics, JobSettings.from(config), node);
        engines.add(e);
        return e;
    }

    private String stateOf(long id) {
        List<String> s = TestDb.queryStrings(ds, "SELECT state || ' ' || attempt FROM herd_jobs WHERE id = " + id);
        return s.isEmpty() ? "gone" : s.get(0);
    }

    @Test
    void jobRunsPromptlyAndIsDeletedWhenDone() {
        List<String> seen = new CopyOnWriteArrayList<>();
        // a 10 s poll (longer than config allows) so that only NOTIFY can start the job promptly
        JobSettings d = JobSettings.from(Map.of());
        JobEngine engine = new JobEngine(ds, metrics, new JobSettings(d.workers(), d.lease(), Duration.ofSeconds(10),
                d.backoffBase(), d.backoffMax(), d.shutdownGrace()), "n1");
        engines.add(engine);
        engine.addHandler("test.echo", job -> seen.add(job.payload() + "#" + job.attempt() + "@" + job.queue()));
        engine.start();
        TestDb.await(3_000, "listener ready", () -> !TestDb.queryStrings(ds,
                "SELECT 1 FROM pg_stat_activity WHERE query = 'LISTEN herd_jobs'").isEmpty());
        long started = System.nanoTime();
        long id = queue.enqueue(JobRequest.of(Queues.PUSH, "test.echo", "{\"n\":1}"));
        TestDb.await(5_000, "job ran", () -> seen.size() == 1);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(seen).containsExactly("{\"n\":1}#1@push");
        assertThat(millis).as("woken by NOTIFY, not the 10 s poll").isLessThan(5_000);
        TestDb.await(2_000, "row deleted", () -> stateOf(id).equals("gone"));
        TestDb.await(2_000, "counted", () -> metrics.count("herd_jobs_done_total", "push") == 1);
    }

    @Test
    void failingJobIsRetriedWithGrowingBackoffThenDead() {
        List<Long> attemptsAt = new CopyOnWriteArrayList<>();
        JobEngine engine = engine("n1", FAST);
        engine.addHandler("test.flaky", job -> {
            attemptsAt.add(System.nanoTime());
            throw new IllegalStateException("remote said no (attempt " + job.attempt() + ")");
        });
        engine.start();
        long id = queue.enqueue(new JobRequest(Queues.DEFAULT, "test.flaky", "{}", null, 4));
        TestDb.await(15_000, "job dead", () -> stateOf(id).equals("dead 4"));
        assertThat(attemptsAt).hasSize(4);
        for (int n = 1; n < 4; n++) {
            long gapMillis = (attemptsAt.get(n) - attemptsAt.get(n - 1)) / 1_000_000;
            long minimum = 50L * (1L << n) / 2; // equal jitter: at least half of base * 2^attempt
            assertThat(gapMillis).as("gap before attempt " + (n + 1)).isGreaterThanOrEqualTo(minimum);
        }
        assertThat(TestDb.queryStrings(ds, "SELECT last_error FROM herd_jobs WHERE id = " + id).get(0))
                .contains("remote said no (attempt 4)");
        assertThat(TestDb.queryLong(ds, "SELECT count(*) FROM herd_jobs WHERE dead_at IS NOT NULL AND locked_by IS NULL"))
                .isEqualTo(1);
        assertThat(metrics.count("herd_jobs_failed_total", "default")).isEqualTo(3);
        assertThat(metrics.count("herd_jobs_dead_total", "default")).isEqualTo(1);
        assertThat(queue.stats().get(Queues.DEFAULT).dead()).isEqualTo(1);
        assertThat(queue.stats().get(Queues.DEFAULT).waiting()).isZero();
    }

    @Test
    void retriedJobThatSucceedsIsDone() {
        AtomicInteger calls = new AtomicInteger();
        JobEngine engine = engine("n1", FAST);
        engine.addHandler("test.third", job -> {
            if (calls.incrementAndGet() < 3) throw new Exception("not yet");
        });
        engine.start();
        long id = queue.enqueue(JobRequest.of(Queues.INGRESS, "test.third", "{}"));
        TestDb.await(10_000, "done", () -> stateOf(id).equals("gone"));
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void permanentFailureMakesTheJobDeadAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        JobEngine engine = engine("n1", FAST);
        engine.addHandler("test.gone", job -> {
            calls.incrementAndGet();
            throw new PermanentJobFailure("account deleted");
        });
        engine.start();
        long id = queue.enqueue(JobRequest.of(Queues.PULL, "test.gone", "{}"));
        TestDb.await(5_000, "dead", () -> stateOf(id).equals("dead 1"));
        sleep(500);
        assertThat(calls.get()).isEqualTo(1);
        assertThat(stateOf(id)).isEqualTo("dead 1");
        assertThat(TestDb.queryStrings(ds, "SELECT last_error FROM herd_jobs WHERE id = " + id).get(0)).contains("account deleted");
    }

    @Test
    void jobWithoutHandlerWaitsUntilAHandlerAppears() {
        List<String> seen = new CopyOnWriteArrayList<>();
        JobEngine engine = engine("n1", FAST);
        engine.addHandler("test.other", job -> seen.add("other"));
        engine.start();
        long id = queue.enqueue(JobRequest.of(Queues.DEFAULT, "plugin.later", "{\"p\":1}"));
        sleep(1_000); // ten polls
        assertThat(stateOf(id)).isEqualTo("ready 0");
        engine.addHandler("plugin.later", job -> seen.add(job.payload()));
        TestDb.await(3_000, "ran once the handler came", () -> seen.contains("{\"p\":1}"));
        TestDb.await(2_000, "deleted", () -> stateOf(id).equals("gone"));
    }

    @Test
    void scheduledJobWaitsForItsTime() {
        List<Long> ranAt = new CopyOnWriteArrayList<>();
        JobEngine engine = engine("n1", FAST);
        engine.addHandler("test.later", job -> ranAt.add(System.currentTimeMillis()));
        engine.start();
        Instant runAt = Instant.now().plusMillis(800);
        queue.enqueue(new JobRequest(Queues.DEFAULT, "test.later", "{}", runAt, 3));
        TestDb.await(5_000, "ran", () -> ranAt.size() == 1);
        assertThat(ranAt.get(0)).isGreaterThanOrEqualTo(runAt.toEpochMilli() - 50);
    }

    @Test
    void queuesHaveBoundedPoolsOfTheirOwn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger(), maxConcurrent = new AtomicInteger();
        List<String> mails = new CopyOnWriteArrayList<>();
        JobEngine engine = engine("n1", merge(FAST, Map.of("workers_push", 2, "workers_mailers", 1)));
        engine.addHandler("test.block", job -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            release.await(10, TimeUnit.SECONDS);
            concurrent.decrementAndGet();
        });
        engine.addHandler("test.mail", job -> mails.add(job.payload()));
        engine.start();
        for (int i = 0; i < 6; i++) queue.enqueue(JobRequest.of(Queues.PUSH, "test.block", "{}"));
        TestDb.await(3_000, "push pool full", () -> concurrent.get() == 2);
        // a flooded push queue does not hold up mail
        queue.enqueue(JobRequest.of(Queues.MAILERS, "test.mail", "{\"m\":1}"));
        TestDb.await(3_000, "mail ran while push is busy", () -> mails.size() == 1);
        sleep(300);
        assertThat(maxConcurrent.get()).isEqualTo(2);
        assertThat(TestDb.queryLong(ds, "SELECT count(*) FROM herd_jobs WHERE state = 'running'")).isEqualTo(2);
        release.countDown();
        TestDb.await(5_000, "all done", () -> TestDb.queryLong(ds, "SELECT count(*) FROM herd_jobs") == 0);
    }

    @Test
    void closingHandsRunningJobsBackWithoutUsingAnAttempt() {
        CountDownLatch never = new CountDownLatch(1);
        JobEngine first = engine("n1", FAST);
        first.addHandler("test.slow", job -> never.await());
        first.start();
        long id = queue.enqueue(JobRequest.of(Queues.DEFAULT, "test.slow", "{}"));
        TestDb.await(3_000, "running", () -> stateOf(id).equals("running 1"));
        long t0 = System.nanoTime();
        first.close();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("grace period respected").isBetween(900L, 4_000L);
        assertThat(stateOf(id)).isEqualTo("ready 0");
        List<String> seen = new CopyOnWriteArrayList<>();
        JobEngine second = engine("n2", FAST);
        second.addHandler("test.slow", job -> seen.add("attempt " + job.attempt()));
        second.start();
        TestDb.await(3_000, "picked up at once by the next node", () -> seen.size() == 1);
        assertThat(seen).containsExactly("attempt 1");
    }

    @Test
    void periodicTaskRunsOncePerIntervalAcrossTwoRacingSchedulers() {
        List<Long> runs = Collections.synchronizedList(new ArrayList<>());
        List<String> nodes = new CopyOnWriteArrayList<>();
        Duration interval = Duration.ofMillis(700);
        for (String node : List.of("a", "b")) {
            JobEngine e = engine(node, FAST);
            e.addTask("test.tick", new PeriodicTask() {
                @Override public Duration interval() { return interval; }
                @Override public void run() {
                    runs.add(System.nanoTime());
                    nodes.add(node);
                }
            });
        }
        long start = System.nanoTime();
        engines.forEach(JobEngine::start);
        sleep(3_000);
        engines.forEach(JobEngine::close);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        List<Long> copy = new ArrayList<>(runs);
        // one run at start, then one per 700 ms: at most elapsed/700 + 1 in total for both nodes
        assertThat(copy.size()).isBetween(3, (int) (elapsed / 700) + 1);
        for (int i = 1; i < copy.size(); i++) {
            assertThat((copy.get(i) - copy.get(i - 1)) / 1_000_000).as("gap " + i).isGreaterThanOrEqualTo(600);
        }
        assertThat(TestDb.queryStrings(ds, "SELECT name FROM herd_periodic_tasks")).containsExactly("test.tick");
    }

    @Test
    void failingPeriodicTaskIsCountedAndRunsAgainOnSchedule() {
        AtomicInteger calls = new AtomicInteger();
        JobEngine e = engine("a", FAST);
        e.addTask("test.broken", new PeriodicTask() {
            @Override public Duration interval() { return Duration.ofMillis(300); }
            @Override public void run() throws Exception {
                calls.incrementAndGet();
                throw new Exception("nope");
            }
        });
        e.start();
        TestDb.await(5_000, "ran again after failing", () -> calls.get() >= 2);
        assertThat(metrics.count("herd_periodic_task_failures_total", "test.broken")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void gaugesReportDepthAndOldestWaitPerQueue() {
        QueueGauges gauges = new QueueGauges(queue, metrics);
        queue.enqueue(new JobRequest(Queues.PULL, "nobody.handles", "{}", Instant.now().minusSeconds(30), 3));
        assertThat(metrics.gauge("herd_jobs_waiting_pull")).isEqualTo(1.0);
        assertThat(metrics.gauge("herd_jobs_oldest_wait_seconds_pull")).isBetween(29.0, 60.0);
        assertThat(metrics.gauge("herd_jobs_waiting_push")).isZero();
        gauges.close();
        assertThat(metrics.gauge("herd_jobs_waiting_pull")).isNaN();
    }

    static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
