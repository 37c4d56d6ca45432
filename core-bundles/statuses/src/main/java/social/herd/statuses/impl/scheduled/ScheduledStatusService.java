package social.herd.statuses.impl.scheduled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;
import social.herd.api.media.MediaAttachments;
import social.herd.statuses.impl.Paging;
import social.herd.statuses.impl.PostRequest;
import social.herd.statuses.impl.PostingService;
import social.herd.statuses.impl.StatusViews;
import social.herd.statuses.impl.db.ScheduledMapper;
import social.herd.statuses.impl.db.ScheduledRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/**
 * Scheduled statuses ({@code scheduled_at} on POST /api/v1/statuses, and
 * {@code /api/v1/scheduled_statuses}). Scheduling checks the post as posting would, short of
 * moderation (which judges it when it is posted), attaches its media to the schedule so that they
 * are kept, and enqueues a delayed job ({@link PublishScheduledJob}) for the time. Limits as
 * Mastodon's: at least 5 minutes ahead, 300 scheduled per account, 25 per (UTC) day.
 */
@Component(service = ScheduledStatusService.class)
public final class ScheduledStatusService {

    static final Duration MIN_OFFSET = Duration.ofMinutes(5);
    static final int TOTAL_LIMIT = 300;
    static final int DAILY_LIMIT = 25;

    private final Database db;
    private final IdGenerator ids;
    private final JobQueue jobs;
    private final PostingService posting;
    private final StatusViews views;
    private final Clock clock;

    @Activate
    public ScheduledStatusService(@Reference Database db, @Reference IdGenerator ids, @Reference JobQueue jobs,
                                  @Reference PostingService posting, @Reference StatusViews views,
                                  @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, ids, jobs, posting, views, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public ScheduledStatusService(Database db, IdGenerator ids, JobQueue jobs, PostingService posting, StatusViews views,
                                  Clock clock) {
        this.db = db;
        this.ids = ids;
        this.jobs = jobs;
        this.posting = posting;
        this.views = views;
        this.clock = clock;
    }

    /** Schedules {@code in} for {@code at} and answers the ScheduledStatus entity. */
    public ScheduledStatusView schedule(long authorId, PostRequest in, Instant at) {
        checkTime(at);
        posting.check(authorId, in);
        MediaAttachments media = views.media();
        ScheduledRow row = db.transaction(tx -> {
            ScheduledMapper m = tx.mapper(ScheduledMapper.class);
            if (m.count(authorId) >= TOTAL_LIMIT) {
                throw ApiException.unprocessable("Validation failed: Scheduled at You have exceeded the limit of "
                        + TOTAL_LIMIT + " scheduled posts");
            }
            checkDaily(m, authorId, at, 0);
            ScheduledRow r = new ScheduledRow(ids.nextId(), authorId, at.truncatedTo(ChronoUnit.MILLIS),
                    Json.write(ScheduledParams.of(in)), clock.instant());
            m.insert(r);
            // attached to the schedule's id, the media stay reserved until it is posted or deleted
            if (!in.mediaIds().isEmpty()) attach(media, tx, authorId, r.id(), in.mediaIds());
            enqueue(tx, r);
            return r;
        });
        return view(row);
    }

    public Page<ScheduledStatusView> list(long owner, PageRequest page) {
        List<ScheduledRow> rows = Paging.newestFirst(db.read(tx -> tx.mapper(ScheduledMapper.class)
                .byOwner(owner, page.maxId(), page.sinceId(), page.minId(), page.limit())), page);
        Map<Long, List<Object>> media = media(rows.stream().map(ScheduledRow::id).toList());
        List<ScheduledStatusView> items = rows.stream()
                .map(r -> ScheduledStatusView.of(r, media.getOrDefault(r.id(), List.of()))).toList();
        return Paging.page(items, rows, page, ScheduledRow::id);
    }

    public ScheduledStatusView get(long owner, long id) {
        return view(db.read(tx -> own(tx, owner, id)));
    }

    /** Moves a schedule ({@code PUT scheduled_at}); the job for the old time finds it not yet due and does nothing. */
    public ScheduledStatusView reschedule(long owner, long id, Instant at) {
        checkTime(at);
        ScheduledRow row = db.transaction(tx -> {
            ScheduledRow r = own(tx, owner, id);
            ScheduledMapper m = tx.mapper(ScheduledMapper.class);
            checkDaily(m, owner, at, id);
            Instant when = at.truncatedTo(ChronoUnit.MILLIS);
            m.reschedule(id, when);
            ScheduledRow moved = new ScheduledRow(r.id(), r.accountId(), when, r.params(), r.createdAt());
            enqueue(tx, moved);
            return moved;
        });
        return view(row);
    }

    /** Deletes a schedule; its media become unattached (cleaned up later, as after a deleted post). */
    public void delete(long owner, long id) {
        MediaAttachments media = views.media();
        db.transaction(tx -> {
            own(tx, owner, id);
            tx.mapper(ScheduledMapper.class).delete(id);
            if (media != null) media.detach(tx, id, false);
            return null;
        });
    }

    private ScheduledRow own(Tx tx, long owner, long id) {
        ScheduledRow r = tx.mapper(ScheduledMapper.class).byId(id);
        if (r == null || r.accountId() != owner) throw ApiException.notFound();
        return r;
    }

    private void checkTime(Instant at) {
        if (at == null || at.isBefore(clock.instant().plus(MIN_OFFSET))) {
            throw ApiException.unprocessable("Validation failed: Scheduled at The scheduled date must be in the future");
        }
    }

    private static void checkDaily(ScheduledMapper m, long owner, Instant at, long except) {
        Instant day = at.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        if (m.countBetween(owner, day, day.plus(Duration.ofDays(1)), except) >= DAILY_LIMIT) {
            throw ApiException.unprocessable("Validation failed: Scheduled at You have exceeded the limit of "
                    + DAILY_LIMIT + " scheduled posts for that day");
        }
    }

    private void enqueue(Tx tx, ScheduledRow r) {
        jobs.enqueue(tx, new JobRequest(Queues.DEFAULT, PublishScheduledJob.TYPE,
                Json.write(Map.of("scheduled_status_id", Long.toString(r.id()))), r.scheduledAt(),
                JobRequest.DEFAULT_MAX_ATTEMPTS));
    }

    private static void attach(MediaAttachments media, Tx tx, long authorId, long id, List<Long> mediaIds) {
        if (media == null) throw ApiException.unprocessable("Media uploads are not available");
        try {
            media.attach(tx, authorId, id, mediaIds);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage() == null ? "Invalid media" : e.getMessage());
        }
    }

    private ScheduledStatusView view(ScheduledRow r) {
        return ScheduledStatusView.of(r, media(List.of(r.id())).getOrDefault(r.id(), List.of()));
    }

    private Map<Long, List<Object>> media(List<Long> scheduleIds) {
        MediaAttachments m = views.media();
        return m == null || scheduleIds.isEmpty() ? Map.of() : m.forStatuses(scheduleIds);
    }
}
