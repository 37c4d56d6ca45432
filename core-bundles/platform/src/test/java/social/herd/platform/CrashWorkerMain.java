package social.herd.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.jobs.JobEngine;
import social.herd.platform.impl.jobs.JobSettings;

/**
 * A worker process for {@link CrashRecoveryTest}: runs the real job engine against the given
 * database with a slow handler until it is killed. Arguments: JDBC URL, node name.
 */
public final class CrashWorkerMain {

    private CrashWorkerMain() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String node = args[1];
        PooledDataSource ds = new PooledDataSource(Map.of("url", url, "user", "postgres", "pool_size", 6));
        JobEngine engine = new JobEngine(ds, new RecordingMetrics(), JobSettings.from(CrashRecoveryTest.CONFIG), node);
        engine.addHandler(CrashRecoveryTest.TYPE, job -> {
            // the first jobs finish quickly; the later ones outlast the test's kill by far, so the kill
            // always finds jobs mid-run (a short job could end between the check and the kill)
            boolean first = job.payload().equals("\"job-0\"") || job.payload().equals("\"job-1\"");
            Thread.sleep(first ? 1_500 : 60_000);
            try (Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO crash_done (job, node) VALUES (?, ?)")) {
                ps.setString(1, job.payload());
                ps.setString(2, node);
                ps.executeUpdate();
            }
        });
        engine.start();
        System.out.println("worker " + node + " started");
        Thread.sleep(Long.MAX_VALUE); // until SIGKILL
    }
}
