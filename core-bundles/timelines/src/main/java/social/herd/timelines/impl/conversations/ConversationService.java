package social.herd.timelines.impl.conversations;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.events.Events;
import social.herd.api.id.IdGenerator;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;
import social.herd.timelines.impl.RecipientRules;
import social.herd.timelines.impl.db.ConversationMapper;
import social.herd.timelines.impl.db.ConversationRow;

/**
 * Keeps each local participant's direct-message conversations as direct statuses arrive, change
 * and go. A conversation is one thread (keyed by its root status, found through the
 * {@code in_reply_to} chain) as one participant sees it; its accounts are everyone who took part in
 * the thread's direct statuses that participant is in. (Mastodon also splits a thread when the
 * participants change; one conversation per thread is simpler to follow and never loses a reply.)
 */
@Component(service = ConversationService.class)
public final class ConversationService {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    /** Bounds the walk up a thread whose statuses this bundle has not recorded. */
    static final int MAX_HOPS = 64;

    private final Database db;
    private final IdGenerator ids;
    private final Events events;
    private final StatusDirectory statuses;
    private final RecipientRules rules;
    private final Clock clock;

    @Activate
    public ConversationService(@Reference Database db, @Reference IdGenerator ids, @Reference Events events,
                               @Reference StatusDirectory statuses, @Reference RecipientRules rules,
                               @Reference(target = "(herd.schema=social.herd.timelines)") SchemaReady schema) {
        this(db, ids, events, statuses, rules, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public ConversationService(Database db, IdGenerator ids, Events events, StatusDirectory statuses,
                               RecipientRules rules, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.events = events;
        this.statuses = statuses;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * A direct status was posted, approved or edited: its participants (author and mentioned) get
     * it in their conversation of the thread, unread for all but the author. An edit only marks it
     * unread for newly mentioned participants; those no longer mentioned lose it.
     */
    public void stored(long statusId, long author, Long inReplyToId, List<Long> mentions, boolean edit) {
        Long known = db.read(tx -> tx.mapper(ConversationMapper.class).threadOf(statusId));
        long thread = known != null ? known : threadOf(statusId, inReplyToId);
        Set<Long> participants = new LinkedHashSet<>();
        participants.add(author);
        participants.addAll(mentions);
        List<Long> allowed = participants.stream().filter(p -> rules.mayConverse(p, author, statusId)).toList();
        db.transaction(tx -> {
            ConversationMapper m = tx.mapper(ConversationMapper.class);
            m.insertStatus(statusId, thread, author);
            List<Long> before = m.participants(statusId);
            for (long p : participants) m.addParticipant(statusId, p);
            Map<Long, Long> changed = new LinkedHashMap<>();
            for (long p : before) {
                if (participants.contains(p)) continue;
                m.removeParticipant(statusId, p);
                refresh(tx, p, thread, changed);
            }
            for (long p : allowed) {
                boolean unread = p != author && (!edit || !before.contains(p));
                Long id = m.upsert(ids.nextId(), p, thread, statusId, unread, clock.instant());
                if (id == null && edit) {
                    // the status is not newer, but an edit changes what the conversation shows
                    ConversationRow row = m.inThread(p, thread);
                    if (row != null && row.lastStatusId() == statusId) id = row.id();
                }
                if (id != null) changed.put(p, id);
            }
            publish(tx, changed);
            return null;
        });
    }

    /** A status was deleted: conversations whose last status it was fall back to the one before, or go. */
    public void deleted(long statusId) {
        db.transaction(tx -> {
            ConversationMapper m = tx.mapper(ConversationMapper.class);
            Long thread = m.threadOf(statusId);
            if (thread == null) return null;
            List<Long> people = m.participants(statusId);
            m.deleteStatus(statusId);
            Map<Long, Long> changed = new LinkedHashMap<>();
            for (long p : people) refresh(tx, p, thread, changed);
            publish(tx, changed);
            return null;
        });
    }

    /** Moves {@code participant}'s conversation to the newest status left in it, or removes it when none is. */
    private void refresh(Tx tx, long participant, long thread, Map<Long, Long> changed) {
        ConversationMapper m = tx.mapper(ConversationMapper.class);
        ConversationRow row = m.inThread(participant, thread);
        if (row == null) return;
        Long latest = m.latestFor(participant, thread);
        if (latest == null) {
            m.delete(participant, row.id());
            LOG.debug("conversation emptied conversation_id={} account_id={}", row.id(), participant);
        } else if (latest != row.lastStatusId()) {
            m.setLast(row.id(), latest, clock.instant());
            changed.put(participant, row.id());
        }
    }

    private void publish(Tx tx, Map<Long, Long> changed) {
        changed.forEach((account, conversation) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("account_id", account);
            data.put("conversation_id", conversation);
            events.publish(tx, new Event(EventTypes.CONVERSATION_UPDATED, data));
        });
    }

    /**
     * The thread's root: the parent's recorded thread, else the top of the {@code in_reply_to}
     * chain as the statuses bundle tells it (bounded; a gap ends the walk where it is).
     */
    private long threadOf(long statusId, Long inReplyToId) {
        if (inReplyToId == null) return statusId;
        long cursor = inReplyToId;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            long at = cursor;
            Long known = db.read(tx -> tx.mapper(ConversationMapper.class).threadOf(at));
            if (known != null) return known;
            Optional<StatusFacts> facts = statuses.facts(at);
            if (facts.isEmpty() || facts.get().inReplyToId() == null) return at;
            cursor = facts.get().inReplyToId();
        }
        LOG.debug("thread root not reached status_id={} hops={}", statusId, MAX_HOPS);
        return cursor;
    }
}
