package social.herd.statuses.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Tx;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.events.Events;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;
import social.herd.statuses.impl.db.FactsMapper;
import social.herd.statuses.impl.db.Ref;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.Json;

/**
 * The statuses bundle's domain events, published in the writing transaction so that
 * notifications, timelines and streaming hear of exactly the changes that were committed.
 */
@Component(service = StatusEvents.class)
public final class StatusEvents {

    private final Events events;
    private final JobQueue jobs;

    @Activate
    public StatusEvents(@Reference Events events, @Reference JobQueue jobs) {
        this.events = events;
        this.jobs = jobs;
    }

    /** A post, reply or reblog was stored. */
    public void created(Tx tx, StatusRow row) {
        events.publish(tx, new Event(EventTypes.STATUS_CREATED, data(tx, row)));
    }

    /** A held status was approved by a moderator: for everyone else it is new now. */
    public void approved(Tx tx, StatusRow row) {
        events.publish(tx, new Event(EventTypes.STATUS_APPROVED, data(tx, row)));
    }

    /** A status was edited (its row as it is now). */
    public void updated(Tx tx, StatusRow row) {
        events.publish(tx, new Event(EventTypes.STATUS_UPDATED, data(tx, row)));
    }

    /** A status or reblog was deleted. */
    public void deleted(Tx tx, StatusRow row) {
        events.publish(tx, new Event(EventTypes.STATUS_DELETED, data(tx, row)));
    }

    /** {@code accountId} favourited {@code status} (only on a new favourite, not a double tap). */
    public void favourited(Tx tx, long accountId, StatusRow status) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("account_id", accountId);
        d.put("status_id", status.id());
        d.put("status_account_id", status.accountId());
        events.publish(tx, new Event(EventTypes.STATUS_FAVOURITED, d));
    }

    /** {@code accountId} withdrew its favourite of {@code status} (so federation can send Undo Like). */
    public void unfavourited(Tx tx, long accountId, StatusRow status) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("account_id", accountId);
        d.put("status_id", status.id());
        d.put("status_account_id", status.accountId());
        events.publish(tx, new Event(EventTypes.STATUS_UNFAVOURITED, d));
    }

    /** {@code accountId} voted for the options {@code choices} in the poll of {@code statusId}. */
    public void pollVoted(Tx tx, long accountId, long statusId, long statusAccountId, List<Integer> choices) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("account_id", accountId);
        d.put("status_id", statusId);
        d.put("status_account_id", statusAccountId);
        d.put("choices", List.copyOf(choices));
        events.publish(tx, new Event(EventTypes.POLL_VOTED, d));
    }

    /** Schedules the poll's closing: {@link PollExpiryJob} publishes {@code poll.expired} then. */
    public void pollCreated(Tx tx, long statusId, Instant expiresAt) {
        jobs.enqueue(tx, new JobRequest(Queues.DEFAULT, PollExpiryJob.TYPE,
                Json.write(Map.of("status_id", Long.toString(statusId))), expiresAt, JobRequest.DEFAULT_MAX_ATTEMPTS));
    }

    /** The poll of {@code statusId} closed; {@code voters} get an expiry notification. */
    public void pollExpired(Tx tx, long statusId, long authorId, List<Long> voters) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status_id", statusId);
        d.put("account_id", authorId);
        d.put("voters", voters);
        events.publish(tx, new Event(EventTypes.POLL_EXPIRED, d));
    }

    private static Map<String, Object> data(Tx tx, StatusRow r) {
        List<Long> mentions = new ArrayList<>();
        for (Ref m : tx.mapper(StatusMapper.class).mentions(List.of(r.id()))) mentions.add(m.target());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status_id", r.id());
        d.put("account_id", r.accountId());
        d.put("visibility", r.visibility());
        d.put("in_reply_to_id", r.inReplyToId());
        d.put("in_reply_to_account_id", r.inReplyToAccountId());
        d.put("reblog_of_id", r.reblogOfId());
        d.put("reblog_of_account_id", r.reblogOfAccountId());
        d.put("mentions", mentions);
        d.put("tags", tx.mapper(FactsMapper.class).tagNames(r.id()));
        d.put("local", r.local());
        d.put("held", r.held());
        d.put("with_media", r.withMedia());
        d.put("language", r.language());
        return d;
    }
}
