package social.herd.statuses.impl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.jobs.Job;
import social.herd.api.jobs.JobHandler;
import social.herd.statuses.impl.db.FactsMapper;
import social.herd.statuses.impl.db.PollMapper;
import social.herd.statuses.impl.db.PollRow;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.Json;

/**
 * Runs when a poll closes (a delayed job enqueued with the poll) and publishes
 * {@code poll.expired} with the voters, for their "poll ended" notifications. A poll replaced by an
 * edit, or whose status is gone, publishes nothing: the edit scheduled its own job.
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE + "=" + PollExpiryJob.TYPE)
public final class PollExpiryJob implements JobHandler {

    static final String TYPE = "poll.expire";

    private final Database db;
    private final StatusEvents events;
    private final Clock clock;

    @Activate
    public PollExpiryJob(@Reference Database db, @Reference StatusEvents events,
                         @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, events, Clock.systemUTC());
    }

    /** For tests. */
    public PollExpiryJob(Database db, StatusEvents events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode p = Json.mapper().readTree(job.payload());
        long statusId = Long.parseLong(p.path("status_id").asText());
        db.transaction(tx -> {
            StatusRow status = tx.mapper(StatusMapper.class).byId(statusId);
            PollRow poll = tx.mapper(PollMapper.class).byStatus(statusId);
            if (status == null || status.deleted() || poll == null || !poll.expired(clock.instant())) return null;
            List<Long> voters = tx.mapper(FactsMapper.class).pollVoters(poll.id());
            events.pollExpired(tx, statusId, status.accountId(), voters);
            return null;
        });
    }
}
