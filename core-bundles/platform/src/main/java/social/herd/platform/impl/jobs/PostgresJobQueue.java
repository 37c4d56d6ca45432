package social.herd.platform.impl.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.DatabaseException;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;

/**
 * Enqueues jobs as rows of {@code herd_jobs}. Available on every node role: web nodes enqueue,
 * worker nodes run. Waking workers is done by a trigger (NOTIFY on commit), so an enqueue costs
 * one INSERT in the caller's transaction.
 */
@Component(service = JobQueue.class)
public final class PostgresJobQueue implements JobQueue {

    private static final String INSERT = "INSERT INTO herd_jobs (id, queue, type, payload, max_attempts, run_at) "
            + "VALUES (?, ?, ?, ?, ?, coalesce(?, now()))";

    private static final String STATS = """
            SELECT queue,
                   count(*) FILTER (WHERE state <> 'dead'),
                   count(*) FILTER (WHERE state = 'dead'),
                   coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE state = 'ready' AND run_at <= now())), 0)
              FROM herd_jobs GROUP BY queue""";

    private final Database database;
    private final IdGenerator ids;

    /** OSGi constructor: usable only once the platform's own tables exist. */
    @Activate
    public PostgresJobQueue(@Reference Database database, @Reference IdGenerator ids,
            @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.platform)") SchemaReady schema) {
        this(database, ids);
    }

    /** For use outside OSGi, once the platform migrations have been applied. */
    public PostgresJobQueue(Database database, IdGenerator ids) {
        this.database = database;
        this.ids = ids;
    }

    @Override
    public long enqueue(Tx tx, JobRequest request) {
        long id = ids.nextId();
        try (PreparedStatement ps = tx.connection().prepareStatement(INSERT)) {
            ps.setLong(1, id);
            ps.setString(2, request.queue());
            ps.setString(3, request.type());
            ps.setString(4, request.payload());
            ps.setInt(5, request.maxAttempts());
            if (request.runAt() == null) ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
            else ps.setObject(6, OffsetDateTime.ofInstant(request.runAt(), ZoneOffset.UTC));
            ps.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new DatabaseException("enqueue of " + request.type() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long enqueue(JobRequest request) {
        return database.transaction(tx -> enqueue(tx, request));
    }

    @Override
    public Map<String, QueueStats> stats() {
        return database.read(tx -> {
            Map<String, QueueStats> stats = new LinkedHashMap<>();
            for (String q : Queues.ALL) stats.put(q, new QueueStats(0, 0, 0));
            Connection c = tx.connection();
            try (PreparedStatement ps = c.prepareStatement(STATS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stats.put(rs.getString(1), new QueueStats(rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
                }
            }
            return stats;
        });
    }
}
