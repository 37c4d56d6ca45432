package social.herd.timelines.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.statuses.StatusFacts;

/**
 * Events built as the statuses and accounts bundles publish them (StatusEvents, AccountEvents),
 * after the job queue's JSON round trip.
 */
final class Publishers {

    private Publishers() {}

    /** status.created / updated / approved / deleted, with StatusEvents' data. */
    static Event status(String type, StatusFacts f) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status_id", f.id());
        d.put("account_id", f.accountId());
        d.put("visibility", f.visibility());
        d.put("in_reply_to_id", f.inReplyToId());
        d.put("in_reply_to_account_id", f.inReplyToAccountId());
        d.put("reblog_of_id", f.reblogOfId());
        d.put("reblog_of_account_id", f.reblogOfAccountId());
        d.put("mentions", f.mentions());
        d.put("tags", f.tags());
        d.put("local", f.local());
        d.put("held", f.held());
        d.put("with_media", f.withMedia());
        d.put("language", f.language());
        return Fixture.delivered(type, d);
    }

    static Event created(StatusFacts f) {
        return status(EventTypes.STATUS_CREATED, f);
    }

    static Event favourited(long accountId, StatusFacts status) {
        return Fixture.delivered(EventTypes.STATUS_FAVOURITED, Map.of("account_id", accountId, "status_id", status.id(),
                "status_account_id", status.accountId()));
    }

    static Event pollExpired(StatusFacts status, List<Long> voters) {
        return Fixture.delivered(EventTypes.POLL_EXPIRED, Map.of("status_id", status.id(), "account_id",
                status.accountId(), "voters", voters));
    }

    /** account.followed, account.follow_requested, account.unfollowed, account.blocked. */
    static Event pair(String type, long accountId, long targetId) {
        return Fixture.delivered(type, Map.of("account_id", accountId, "target_id", targetId));
    }

    static Event signedUp(long accountId, long userId) {
        return Fixture.delivered(EventTypes.ACCOUNT_SIGNED_UP, Map.of("account_id", accountId, "user_id", userId,
                "approval_required", false));
    }

    static Event reported(long reportId, long reporter, long target) {
        return Fixture.delivered(EventTypes.REPORT_CREATED, Map.of("report_id", reportId, "account_id", reporter,
                "target_account_id", target));
    }
}
