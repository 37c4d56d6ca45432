package social.herd.federation.impl.ingress;

import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.jobs.PeriodicTask;
import social.herd.federation.impl.db.AppliedMapper;

/**
 * Forgets applied activity ids after {@value #KEEP_DAYS} days: redeliveries come within the
 * senders' retry window (Mastodon's is about a week), and the statuses bundle's own uniqueness by
 * uri still stops a very late duplicate post.
 */
@Component(service = PeriodicTask.class, property = PeriodicTask.NAME + "=" + AppliedPurgeTask.NAME)
public final class AppliedPurgeTask implements PeriodicTask {

    static final String NAME = "federation.applied.purge";
    static final int KEEP_DAYS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(AppliedPurgeTask.class);

    private final Database db;

    @Activate
    public AppliedPurgeTask(@Reference Database db) {
        this.db = db;
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int n = db.transaction(tx -> tx.mapper(AppliedMapper.class).purge(Instant.now().minus(Duration.ofDays(KEEP_DAYS))));
        if (n > 0) LOG.debug("forgot {} applied activity ids", n);
    }
}
