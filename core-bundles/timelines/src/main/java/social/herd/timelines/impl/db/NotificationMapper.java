package social.herd.timelines.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * Notifications; statements in NotificationMapper.xml. Inserting relies on the once-only key: it
 * answers 1 only when a row was really added, so the notification.created event is published
 * exactly once per notification.
 */
public interface NotificationMapper {

    int insert(NotificationRow row);

    /** The recipient's undismissed notification, or null. */
    NotificationRow byId(@Param("accountId") long accountId, @Param("id") long id);

    /** A page of the recipient's undismissed notifications: newest first, oldest first from min_id. */
    List<NotificationRow> page(@Param("f") NotificationFilter filter, @Param("maxId") Long maxId,
                               @Param("sinceId") Long sinceId, @Param("minId") Long minId, @Param("limit") int limit);

    /** How many undismissed notifications newer than {@code afterId} match, counting at most {@code cap}. */
    int countAfter(@Param("f") NotificationFilter filter, @Param("afterId") Long afterId, @Param("cap") int cap);

    int dismiss(@Param("accountId") long accountId, @Param("id") long id, @Param("now") Instant now);

    int dismissAll(@Param("accountId") long accountId, @Param("now") Instant now);

    /** Removes every notification about a deleted status: shown with it, or caused by it as a reblog. */
    int deleteForStatus(@Param("statusId") long statusId);

    /** Removes the follow and follow_request notifications of a follow that ended. */
    int deleteFollow(@Param("recipient") long recipient, @Param("follower") long follower);

    /** Dismisses the follow_request notification from {@code follower} (the request was accepted). */
    int dismissRequest(@Param("recipient") long recipient, @Param("follower") long follower, @Param("now") Instant now);

    /** True when {@code follower} asked {@code recipient} to follow (even if dismissed since). */
    boolean requested(@Param("recipient") long recipient, @Param("follower") long follower);

    /** Deletes dismissed notifications older than {@code before}, at most {@code limit}. */
    int purgeDismissed(@Param("before") Instant before, @Param("limit") int limit);
}
