package social.herd.statuses.impl.scheduled;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.jobs.Job;
import social.herd.api.jobs.JobHandler;
import social.herd.api.media.MediaAttachments;
import social.herd.statuses.impl.PostingService;
import social.herd.statuses.impl.StatusViews;
import social.herd.statuses.impl.db.ScheduledMapper;
import social.herd.statuses.impl.db.ScheduledRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * Posts a scheduled status when it is due, through the normal posting path (checks, moderation,
 * events, fan-out). The schedule is locked, released and deleted in the posting transaction, so a
 * second run (at-least-once delivery) finds nothing to do, as does the job of a time a
 * {@code PUT} moved away from. A post that is refused by then (moderation, a suspended author)
 * is dropped with its schedule, as Mastodon does.
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE + "=" + PublishScheduledJob.TYPE)
public final class PublishScheduledJob implements JobHandler {

    static final String TYPE = "status.publish_scheduled";
    private static final Logger LOG = LoggerFactory.getLogger(PublishScheduledJob.class);

    private final Database db;
    private final PostingService posting;
    private final StatusViews views;
    private final Clock clock;

    @Activate
    public PublishScheduledJob(@Reference Database db, @Reference PostingService posting, @Reference StatusViews views,
                               @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, posting, views, Clock.systemUTC());
    }

    /** For tests. */
    public PublishScheduledJob(Database db, PostingService posting, StatusViews views, Clock clock) {
        this.db = db;
        this.posting = posting;
        this.views = views;
        this.clock = clock;
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode p = Json.mapper().readTree(job.payload());
        publish(Long.parseLong(p.path("scheduled_status_id").asText()));
    }

    /** Posts the schedule if it exists and is due; answers the new status id, or null when nothing was posted. */
    public Long publish(long scheduledId) {
        ScheduledRow row = db.read(tx -> tx.mapper(ScheduledMapper.class).byId(scheduledId));
        if (row == null || row.scheduledAt().isAfter(clock.instant())) return null;
        MediaAttachments media = views.media();
        try {
            var status = posting.postClaimed(row.accountId(), ScheduledParams.read(row.params()).request(), tx -> {
                ScheduledRow locked = tx.mapper(ScheduledMapper.class).lock(scheduledId);
                if (locked == null || locked.scheduledAt().isAfter(clock.instant())) return false;
                // the media move from the schedule to the status, in this transaction
                if (media != null) media.detach(tx, scheduledId, false);
                tx.mapper(ScheduledMapper.class).delete(scheduledId);
                return true;
            });
            return status == null ? null : status.id();
        } catch (ApiException e) {
            if (e.status() >= 500) throw e;
            drop(row, e.getMessage());
            return null;
        }
    }

    private void drop(ScheduledRow row, String reason) {
        MediaAttachments media = views.media();
        db.transaction(tx -> {
            if (tx.mapper(ScheduledMapper.class).delete(row.id()) > 0 && media != null) media.detach(tx, row.id(), false);
            return null;
        });
        LOG.info("scheduled status dropped id={} account={} reason=\"{}\"", row.id(), row.accountId(), reason);
    }
}
