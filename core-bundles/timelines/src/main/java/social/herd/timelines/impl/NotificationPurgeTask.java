package social.herd.timelines.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.jobs.PeriodicTask;
import social.herd.timelines.impl.db.NotificationMapper;

/**
 * Deletes dismissed notifications once no redelivered event can bring them back: dismissing only
 * marks a row so that the once-only key still holds while deliveries may repeat.
 */
@Component(service = PeriodicTask.class, property = PeriodicTask.NAME + "=" + NotificationPurgeTask.NAME)
public final class NotificationPurgeTask implements PeriodicTask {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationPurgeTask.class);

    static final String NAME = "notifications.purge";
    /** Far longer than any retry of an event delivery. */
    static final Duration KEEP_DISMISSED = Duration.ofDays(7);
    static final int BATCH = 1_000;
    /** Bounds one run; a backlog is worked off over several runs. */
    static final int MAX_PER_RUN = 100_000;

    private final Database db;
    private final Clock clock;

    @Activate
    public NotificationPurgeTask(@Reference Database db,
                                 @Reference(target = "(herd.schema=social.herd.timelines)") SchemaReady schema) {
        this(db, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public NotificationPurgeTask(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(6);
    }

    @Override
    public void run() {
        Instant before = clock.instant().minus(KEEP_DISMISSED);
        int removed = 0;
        while (removed < MAX_PER_RUN) {
            int n = db.transaction(tx -> tx.mapper(NotificationMapper.class)
                    .purgeDismissed(before, BATCH));
            removed += n;
            if (n < BATCH) break;
        }
        if (removed > 0) LOG.info("dismissed notifications purged count={}", removed);
    }
}
