package social.herd.media.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.jobs.PeriodicTask;
import social.herd.media.impl.db.MediaMapper;
import social.herd.media.impl.db.MediaRow;

/**
 * Once an hour across the cluster, removes media uploaded more than a day ago and never attached
 * (abandoned drafts, detached by status edits), rows and files. Each row goes in its own short
 * transaction and only while still unattached, so a status attaching it at the same moment wins.
 */
@Component(service = PeriodicTask.class, property = PeriodicTask.NAME + "=" + MediaCleanupTask.NAME)
public final class MediaCleanupTask implements PeriodicTask {

    static final String NAME = "media.cleanup";
    static final Duration INTERVAL = Duration.ofHours(1);
    static final Duration MAX_AGE = Duration.ofDays(1);
    static final int BATCH = 100;
    /** Bounds one run; a backlog is worked off over several runs. */
    static final int MAX_PER_RUN = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(MediaCleanupTask.class);

    private final Database db;
    private final MediaService media;
    private final Clock clock;

    @Activate
    public MediaCleanupTask(@Reference Database db, @Reference MediaService media,
                            @Reference(target = "(herd.schema=social.herd.media)") SchemaReady schema) {
        this(db, media, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public MediaCleanupTask(Database db, MediaService media, Clock clock) {
        this.db = db;
        this.media = media;
        this.clock = clock;
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public void run() {
        Instant before = clock.instant().minus(MAX_AGE);
        int removed = 0;
        while (removed < MAX_PER_RUN) {
            List<MediaRow> due = db.read(tx -> tx.mapper(MediaMapper.class).unattachedBefore(before, BATCH));
            int batchRemoved = 0;
            for (MediaRow candidate : due) {
                MediaRow gone = db.transaction(tx -> tx.mapper(MediaMapper.class).deleteUnattached(candidate.id()));
                if (gone == null) continue;
                media.deleteQuietly(gone.keys());
                batchRemoved++;
            }
            removed += batchRemoved;
            if (due.size() < BATCH || batchRemoved == 0) break;
        }
        if (removed > 0) LOG.info("unattached media removed count={}", removed);
    }
}
