package social.herd.timelines.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.events.Events;
import social.herd.api.id.IdGenerator;
import social.herd.timelines.impl.db.NotificationMapper;
import social.herd.timelines.impl.db.NotificationRow;
import social.herd.timelines.impl.db.ReblogMapper;

/**
 * Writes notifications, each with its {@code notification.created} event in the same transaction
 * (so streaming hears of exactly the notifications that exist), and the reblog record that
 * {@code update} notifications need.
 */
@Component(service = NotificationStore.class)
public final class NotificationStore {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationStore.class);

    /**
     * A notification to store.
     *
     * @param recipient who gets it
     * @param type      one of {@link NotificationTypes}
     * @param actor     who acted
     * @param sourceId  what caused it; with the others, the once-only key
     * @param statusId  the status to show, or null
     * @param reportId  the report of an admin.report, or null
     */
    public record Candidate(long recipient, String type, long actor, long sourceId, Long statusId, Long reportId) {}

    private final Database db;
    private final IdGenerator ids;
    private final Events events;
    private final Clock clock;

    @Activate
    public NotificationStore(@Reference Database db, @Reference IdGenerator ids, @Reference Events events,
                             @Reference(target = "(herd.schema=social.herd.timelines)") SchemaReady schema) {
        this(db, ids, events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public NotificationStore(Database db, IdGenerator ids, Events events, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.events = events;
        this.clock = clock;
    }

    /** Stores the notification unless it exists already; true when it was new. */
    public boolean add(Candidate c) {
        NotificationRow row = new NotificationRow(ids.nextId(), c.recipient(), c.type(), c.actor(), c.sourceId(),
                c.statusId(), c.reportId(), clock.instant());
        boolean added = db.transaction(tx -> {
            if (tx.mapper(NotificationMapper.class).insert(row) == 0) return false;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("notification_id", row.id());
            data.put("account_id", row.accountId());
            data.put("type", row.type());
            events.publish(tx, new Event(EventTypes.NOTIFICATION_CREATED, data));
            return true;
        });
        if (added) {
            LOG.debug("notification created notification_id={} account_id={} type={}", row.id(), row.accountId(), row.type());
        }
        return added;
    }

    /** A deleted status (or reblog): its notifications go, and so does what it told about reblogs. */
    public void statusDeleted(long statusId) {
        int removed = db.transaction(tx -> {
            tx.mapper(ReblogMapper.class).delete(statusId);
            return tx.mapper(NotificationMapper.class).deleteForStatus(statusId);
        });
        if (removed > 0) LOG.debug("notifications removed status_id={} count={}", statusId, removed);
    }

    /** Remembers that {@code accountId} reblogged {@code statusId} with {@code reblogId}. */
    public void reblogged(long reblogId, long accountId, long statusId) {
        db.transaction(tx -> tx.mapper(ReblogMapper.class).insert(reblogId, accountId, statusId));
    }

    /** The accounts that reblogged {@code statusId}, as far as this bundle has heard. */
    public List<Long> rebloggers(long statusId) {
        return db.read(tx -> tx.mapper(ReblogMapper.class).rebloggers(statusId));
    }

    /**
     * True when {@code follower} asked {@code recipient} before: a follow that follows it is the
     * request being accepted, which Mastodon does not announce as a new follower.
     */
    public boolean requested(long recipient, long follower) {
        return db.read(tx -> tx.mapper(NotificationMapper.class).requested(recipient, follower));
    }

    /**
     * The request was accepted: its notification is dismissed rather than deleted, so that a
     * redelivered follow event still finds it and stays silent.
     */
    public void requestAccepted(long recipient, long follower) {
        Instant now = clock.instant();
        db.transaction(tx -> tx.mapper(NotificationMapper.class).dismissRequest(recipient, follower, now));
    }

    /** A follow or follow request ended (unfollowed, rejected, withdrawn): its notifications go, as in Mastodon. */
    public void followEnded(long recipient, long follower) {
        db.transaction(tx -> tx.mapper(NotificationMapper.class).deleteFollow(recipient, follower));
    }
}
