package social.herd.admin.impl.moderation;

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

/**
 * Forgets filter decisions after 90 days, once a day across the cluster: moderators look at recent
 * ones, and a spam wave must not grow the table for ever.
 */
@Component(service = PeriodicTask.class, property = PeriodicTask.NAME + "=moderation-decisions-purge")
public final class DecisionPurgeTask implements PeriodicTask {

    static final Duration KEEP = Duration.ofDays(90);
    private static final Logger LOG = LoggerFactory.getLogger(DecisionPurgeTask.class);
    private final Database db;

    @Activate
    public DecisionPurgeTask(@Reference Database db, @Reference(target = "(herd.schema=social.herd.admin)") SchemaReady schema) {
        this.db = db;
    }

    @Override
    public Duration interval() {
        return Duration.ofDays(1);
    }

    @Override
    public void run() {
        int removed = db.transaction(tx -> tx.mapper(DecisionMapper.class).purge(Instant.now().minus(KEEP)));
        if (removed > 0) LOG.info("moderation decisions purged count={}", removed);
    }
}
