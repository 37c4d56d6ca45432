package social.herd.timelines.impl;

import static social.herd.timelines.impl.EventData.need;
import static social.herd.timelines.impl.NotificationTypes.ADMIN_REPORT;
import static social.herd.timelines.impl.NotificationTypes.ADMIN_SIGN_UP;
import static social.herd.timelines.impl.NotificationTypes.FAVOURITE;
import static social.herd.timelines.impl.NotificationTypes.FOLLOW;
import static social.herd.timelines.impl.NotificationTypes.FOLLOW_REQUEST;
import static social.herd.timelines.impl.NotificationTypes.MENTION;
import static social.herd.timelines.impl.NotificationTypes.POLL;
import static social.herd.timelines.impl.NotificationTypes.REBLOG;
import static social.herd.timelines.impl.NotificationTypes.STATUS;
import static social.herd.timelines.impl.NotificationTypes.UPDATE;

import java.util.LinkedHashSet;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.api.jobs.PermanentJobFailure;
import social.herd.timelines.impl.NotificationStore.Candidate;

/**
 * Turns domain events into notifications. Idempotent: every notification has a once-only key
 * (recipient, type, actor, source), so an event delivered twice stores one notification and
 * publishes one {@code notification.created}.
 *
 * <p>Choices, as Mastodon makes them unless said otherwise: {@code status} goes to the followers
 * who asked to be notified, for posts and self-replies that are not direct, except to those
 * mentioned (they get the {@code mention}; Herd's choice, so nobody is told twice); {@code update}
 * goes to those who reblogged the edited status, learnt from the reblogs' own
 * {@code status.created} events; a follow that accepts a request is not announced as a new
 * follower, and the request's notification is dismissed.
 */
@Component(service = EventSubscriber.class, property = {
        EventSubscriber.NAME + "=notifications",
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_CREATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_APPROVED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_UPDATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_DELETED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_FAVOURITED,
        EventSubscriber.TYPES + "=" + EventTypes.POLL_EXPIRED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_FOLLOWED,
        EventSubscriber.TYPES + "=" + EventTypes.FOLLOW_REQUESTED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_UNFOLLOWED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_SIGNED_UP,
        EventSubscriber.TYPES + "=" + EventTypes.REPORT_CREATED})
public final class NotificationSubscriber implements EventSubscriber {

    private final NotificationStore store;
    private final RecipientRules rules;
    private final StaffRegister staff;
    private final SocialGraph graph;

    @Activate
    public NotificationSubscriber(@Reference NotificationStore store, @Reference RecipientRules rules,
                                  @Reference StaffRegister staff, @Reference SocialGraph graph) {
        this.store = store;
        this.rules = rules;
        this.staff = staff;
        this.graph = graph;
    }

    @Override
    public void on(Event event) throws PermanentJobFailure {
        switch (event.type()) {
            case EventTypes.STATUS_CREATED, EventTypes.STATUS_APPROVED -> statusCreated(event);
            case EventTypes.STATUS_UPDATED -> statusUpdated(event);
            case EventTypes.STATUS_DELETED -> store.statusDeleted(need(event, "status_id"));
            case EventTypes.STATUS_FAVOURITED -> {
                long status = need(event, "status_id");
                notify(new Candidate(need(event, "status_account_id"), FAVOURITE, need(event, "account_id"), status, status,
                        null));
            }
            case EventTypes.POLL_EXPIRED -> pollExpired(event);
            case EventTypes.ACCOUNT_FOLLOWED -> followed(need(event, "account_id"), need(event, "target_id"));
            case EventTypes.FOLLOW_REQUESTED -> {
                long asker = need(event, "account_id");
                notify(new Candidate(need(event, "target_id"), FOLLOW_REQUEST, asker, asker, null, null));
            }
            case EventTypes.ACCOUNT_UNFOLLOWED -> store.followEnded(need(event, "target_id"), need(event, "account_id"));
            case EventTypes.ACCOUNT_SIGNED_UP -> {
                long account = need(event, "account_id");
                for (long s : staff.recipients()) notify(new Candidate(s, ADMIN_SIGN_UP, account, account, null, null));
            }
            case EventTypes.REPORT_CREATED -> {
                long report = need(event, "report_id");
                long reporter = need(event, "account_id");
                for (long s : staff.recipients()) notify(new Candidate(s, ADMIN_REPORT, reporter, report, null, report));
            }
            default -> { }
        }
    }

    /** Mentions and followers' "status" for a post, or a reblog notification for the reblogged status's author. */
    private void statusCreated(Event e) throws PermanentJobFailure {
        long status = need(e, "status_id");
        long author = need(e, "account_id");
        Long reblogOf = e.id("reblog_of_id");
        if (reblogOf != null) {
            store.reblogged(status, author, reblogOf);
            Long original = e.id("reblog_of_account_id");
            if (original != null) notify(new Candidate(original, REBLOG, author, status, reblogOf, null));
            return;
        }
        // a held post is visible to its author only: the visibility rule keeps it silent until approved
        Set<Long> mentioned = new LinkedHashSet<>(e.ids("mentions"));
        for (long m : mentioned) notify(new Candidate(m, MENTION, author, status, status, null));
        Long repliedTo = e.id("in_reply_to_account_id");
        if ("direct".equals(e.string("visibility")) || (repliedTo != null && repliedTo != author)) return;
        for (long follower : graph.notifiedFollowers(author)) {
            if (!mentioned.contains(follower)) notify(new Candidate(follower, STATUS, author, status, status, null));
        }
    }

    private void statusUpdated(Event e) throws PermanentJobFailure {
        if (e.id("reblog_of_id") != null) return;
        long status = need(e, "status_id");
        long author = need(e, "account_id");
        for (long reblogger : store.rebloggers(status)) {
            notify(new Candidate(reblogger, UPDATE, author, status, status, null));
        }
    }

    /** Each voter and the author hear that the poll closed; for the author it is their own poll. */
    private void pollExpired(Event e) throws PermanentJobFailure {
        long status = need(e, "status_id");
        long author = need(e, "account_id");
        Set<Long> voters = new LinkedHashSet<>(e.ids("voters"));
        voters.remove(author);
        for (long voter : voters) notify(new Candidate(voter, POLL, author, status, status, null));
        Candidate own = new Candidate(author, POLL, author, status, status, null);
        if (rules.allows(author, author, status, true)) store.add(own);
    }

    private void followed(long follower, long target) {
        if (store.requested(target, follower)) {
            store.requestAccepted(target, follower);
            return;
        }
        notify(new Candidate(target, FOLLOW, follower, follower, null, null));
    }

    private void notify(Candidate c) {
        if (rules.allows(c.recipient(), c.actor(), c.statusId(), false)) store.add(c);
    }
}
