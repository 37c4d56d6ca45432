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
 * The accounts bundle's domain events (follows, follow requests, blocks, sign-ups), published in
 * the writing transaction for notifications, timelines and streaming.
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

    public void signedUp(Tx tx, long accountId, long userId, boolean approvalRequired) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("account_id", accountId);
        d.put("user_id", userId);
        d.put("approval_required", approvalRequired);
        events.publish(tx, new Event(EventTypes.ACCOUNT_SIGNED_UP, d));
    }
}
