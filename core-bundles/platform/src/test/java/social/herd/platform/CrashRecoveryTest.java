package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.jobs.JobEngine;
import social.herd.platform.impl.jobs.JobSettings;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.testing.TestPostgres;

/**
 * A worker process killed with SIGKILL while running jobs loses none of them: once their leases
 * run out, another node runs them (at-least-once: duplicates are allowed, losses are not).
 */
class CrashRecoveryTest {

    static final String TYPE = "crash.slow";
    static final Map<String, Object> CONFIG = Map.of("poll_ms", 100, "lease_seconds", 2, "workers_default", 2,
            "backoff_base_ms", 50, "shutdown_grace_seconds", 1);
    private static final int JOBS = 10;

    @Test
    void jobsOfAKilledWorkerAreRunByAnotherNode() throws Exception {
        String url = TestPostgres.freshDatabase();
        try (PooledDataSource ds = TestDb.pool(url, 6)) {
            TestDb.migratePlatform(ds);
            TestDb.exec(ds, "CREATE TABLE crash_done (job text NOT NULL, node text NOT NULL)");
            PostgresJobQueue queue = new PostgresJobQueue(new TxDatabase(ds), new TimeSortableIdGenerator());
            for (int i = 0; i < JOBS; i++) queue.enqueue(JobRequest.of(Queues.DEFAULT, TYPE, "\"job-" + i + "\""));

            Path log = Files.createTempFile("herd-crash-child", ".log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashWorkerMain.class.getName(), url, "child")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                // some jobs finished in the child, and two are mid-run when it dies
                TestDb.await(30_000, "child finished some jobs and is running more", () -> child.isAlive()
                        && TestDb.queryLong(ds, "SELECT count(*) FROM crash_done") >= 2
                        && TestDb.queryLong(ds, "SELECT count(*) FROM herd_jobs WHERE state = 'running' AND locked_by = 'child'") == 2);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; child output:\n" + Files.readString(log), e);
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(child.exitValue()).as("killed, not exited").isNotZero();
            long orphaned = TestDb.queryLong(ds, "SELECT count(*) FROM herd_jobs WHERE state = 'running' AND locked_by = 'child'");
            assertThat(orphaned).as("leases left behind by the killed worker").isGreaterThanOrEqualTo(1);

            JobEngine survivor = new JobEngine(ds, new RecordingMetrics(), JobSettings.from(CONFIG), "survivor");
            survivor.addHandler(TYPE, job -> {
                try (Connection c = ds.getConnection();
                        PreparedStatement ps = c.prepareStatement("INSERT INTO crash_done (job, node) VALUES (?, ?)")) {
                    ps.setString(1, job.payload());
                    ps.setString(2, "survivor");
                    ps.executeUpdate();
                }
            });
            survivor.start();
            try {
                TestDb.await(20_000, "every job done", () -> TestDb.queryLong(ds, "SELECT count(*) FROM herd_jobs") == 0);
            } finally {
                survivor.close();
            }
            Set<String> done = new HashSet<>(TestDb.queryStrings(ds, "SELECT job FROM crash_done"));
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < JOBS; i++) expected.add("\"job-" + i + "\"");
            assertThat(done).isEqualTo(expected);
            List<String> byChild = TestDb.queryStrings(ds, "SELECT job FROM crash_done WHERE node = 'child'");
            assertThat(byChild).hasSizeBetween(2, JOBS - 1);
        }
    }
}
