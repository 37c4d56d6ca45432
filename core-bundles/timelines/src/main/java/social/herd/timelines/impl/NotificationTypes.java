package social.herd.timelines.impl;

import java.util.List;
import java.util.Set;

/** Mastodon's notification types that Herd creates, as the API names them. */
public final class NotificationTypes {

    public static final String MENTION = "mention";
    public static final String STATUS = "status";
    public static final String REBLOG = "reblog";
    public static final String FAVOURITE = "favourite";
    public static final String FOLLOW = "follow";
    public static final String FOLLOW_REQUEST = "follow_request";
    public static final String POLL = "poll";
    public static final String UPDATE = "update";
    public static final String ADMIN_SIGN_UP = "admin.sign_up";
    public static final String ADMIN_REPORT = "admin.report";

    /**
     * Every type a client may name in {@code types[]} or {@code exclude_types[]}; the ones Herd does
     * not create ({@code severed_relationships}, {@code quote}, ...) are valid and match nothing.
     */
    public static final Set<String> KNOWN = Set.of(MENTION, STATUS, REBLOG, FAVOURITE, FOLLOW, FOLLOW_REQUEST, POLL,
            UPDATE, ADMIN_SIGN_UP, ADMIN_REPORT, "severed_relationships", "moderation_warning", "quote",
            "quoted_update");

    /** The types shown with a status. */
    private static final List<String> WITH_STATUS = List.of(MENTION, STATUS, REBLOG, FAVOURITE, POLL, UPDATE);

    private NotificationTypes() {}

    /** True when a notification of {@code type} carries a status (and is dropped once it cannot be shown). */
    public static boolean withStatus(String type) {
        return WITH_STATUS.contains(type);
    }
}
