package social.herd.api.events;

/**
 * The event types and the data each carries. Ids are numbers; {@code visibility} is Mastodon's
 * public/unlisted/private/direct.
 */
public final class EventTypes {

    /**
     * A status was stored (a post, a reply or a reblog). Data: {@code status_id}, {@code account_id},
     * {@code visibility}, {@code in_reply_to_id}, {@code in_reply_to_account_id},
     * {@code reblog_of_id}, {@code reblog_of_account_id}, {@code mentions} (account ids),
     * {@code tags} (lower-case names), {@code local}, {@code held} (awaiting moderation: only the
     * author may see it), {@code with_media}, {@code language}.
     */
    public static final String STATUS_CREATED = "status.created";

    /** A status was edited. Data as {@link #STATUS_CREATED}. */
    public static final String STATUS_UPDATED = "status.updated";

    /**
     * A status (or a reblog) was deleted. Data: {@code status_id}, {@code account_id},
     * {@code visibility}, {@code reblog_of_id}, {@code mentions}.
     */
    public static final String STATUS_DELETED = "status.deleted";

    /** A held status was approved by a moderator and is now visible. Data as {@link #STATUS_CREATED}. */
    public static final String STATUS_APPROVED = "status.approved";

    /** Data: {@code account_id} (who favourited), {@code status_id}, {@code status_account_id}. */
    public static final String STATUS_FAVOURITED = "status.favourited";

    /** A poll closed. Data: {@code status_id}, {@code account_id} (the author), {@code voters}. */
    public static final String POLL_EXPIRED = "poll.expired";

    /** Data: {@code account_id} (the follower), {@code target_id}. The follow is accepted. */
    public static final String ACCOUNT_FOLLOWED = "account.followed";

    /** Data: {@code account_id} (who asked), {@code target_id} (a locked account). */
    public static final String FOLLOW_REQUESTED = "account.follow_requested";

    /** Data: {@code account_id}, {@code target_id}: a follow or follow request ended (unfollow, reject, block). */
    public static final String ACCOUNT_UNFOLLOWED = "account.unfollowed";

    /** Data: {@code account_id} (who blocked or muted), {@code target_id}. */
    public static final String ACCOUNT_BLOCKED = "account.blocked";

    /** Data: {@code account_id} (who unblocked), {@code target_id}. */
    public static final String ACCOUNT_UNBLOCKED = "account.unblocked";

    /**
     * Data: {@code account_id} (the requester), {@code target_id} (who declined): a follow request
     * was rejected, or a follower removed (so a remote follower's server hears {@code Reject}).
     */
    public static final String FOLLOW_REJECTED = "account.follow_rejected";

    /** Data: {@code account_id}: the profile (name, note, fields, images, locked, bot...) changed. */
    public static final String ACCOUNT_UPDATED = "account.updated";

    /** Data: {@code account_id}: a local account was deleted (its content goes with it). */
    public static final String ACCOUNT_DELETED = "account.deleted";

    /** Data: {@code account_id}: a moderator suspended the account (its posts leave search). Since 1.3. */
    public static final String ACCOUNT_SUSPENDED = "account.suspended";

    /** Data: {@code account_id}: a moderator lifted the account's suspension. Since 1.3. */
    public static final String ACCOUNT_UNSUSPENDED = "account.unsuspended";

    /**
     * Data: {@code account_id}, {@code target_id}: a local account moved to the target (which
     * lists it in {@code alsoKnownAs}); its remote followers' servers hear {@code Move}.
     */
    public static final String ACCOUNT_MOVED = "account.moved";

    /** Data: {@code account_id}, {@code status_id}, {@code status_account_id}: a favourite was withdrawn. */
    public static final String STATUS_UNFAVOURITED = "status.unfavourited";

    /**
     * Data: {@code account_id} (voter), {@code status_id}, {@code status_account_id},
     * {@code choices} (option indexes): a vote was cast in a poll.
     */
    public static final String POLL_VOTED = "poll.voted";

    /** Data: {@code account_id}, {@code user_id}, {@code approval_required}. */
    public static final String ACCOUNT_SIGNED_UP = "account.signed_up";

    /**
     * Data: {@code report_id}, {@code account_id} (reporter), {@code target_account_id}; when the
     * reporter asked to forward it to a remote account's server also {@code forward} (true),
     * {@code status_ids} and {@code comment}, which federation sends on as an anonymous Flag.
     */
    public static final String REPORT_CREATED = "report.created";

    /**
     * A notification was stored. Data: {@code notification_id}, {@code account_id} (the
     * recipient), {@code type}. Streaming delivers it to the recipient's open streams.
     */
    public static final String NOTIFICATION_CREATED = "notification.created";

    /** An account's content filters changed. Data: {@code account_id}. */
    public static final String FILTERS_CHANGED = "filters.changed";

    /** A direct conversation changed. Data: {@code account_id} (the participant), {@code conversation_id}. */
    public static final String CONVERSATION_UPDATED = "conversation.updated";

    private EventTypes() {}
}
