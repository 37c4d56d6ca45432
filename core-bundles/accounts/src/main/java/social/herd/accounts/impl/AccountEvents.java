package social.herd.accounts.impl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Tx;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.events.Events;

/**
 * The accounts bundle's domain events (follows, follow requests, blocks, profile changes,
 * deletions, sign-ups), published in the writing transaction for notifications, timelines,
 * streaming and federation.
 */
@Component(service = AccountEvents.class)
public final class AccountEvents {

    private final Events events;

    @Activate
    public AccountEvents(@Reference Events events) {
        this.events = events;
    }

    /** {@code type} between {@code accountId} (who acted) and {@code targetId}. */
    public void pair(Tx tx, String type, long accountId, long targetId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("account_id", accountId);
        d.put("target_id", targetId);
        events.publish(tx, new Event(type, d));
    }

    /**
     * {@code account.follow_rejected}, with {@code follow_uri}: the id of the remote Follow activity
     * that was refused, when there was one, since its row is gone by the time subscribers run and
     * the Reject sent to the follower's server embeds it.
     */
    public void followRejected(Tx tx, long accountId, long targetId, String followUri) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (followUri != null) d.put("follow_uri", followUri);
        d.put("account_id", accountId);
        d.put("target_id", targetId);
        events.publish(tx, new Event(EventTypes.FOLLOW_REJECTED, d));
    }

    /** {@code type} about one account ({@code account.updated}, {@code account.deleted}). */
    public void account(Tx tx, String type, long accountId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("account_id", accountId);
        events.publish(tx, new Event(type, d));
    }

    public void signedUp(Tx tx, long accountId, long userId, boolean approvalRequired) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("account_id", accountId);
        d.put("user_id", userId);
        d.put("approval_required", approvalRequired);
        events.publish(tx, new Event(EventTypes.ACCOUNT_SIGNED_UP, d));
    }
}
