package social.herd.timelines.impl;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The Mastodon API entities this bundle answers with (serialised by the web bundle's Jackson setup). */
public final class Entities {

    private Entities() {}

    /**
     * Mastodon's Notification. {@code status} only for the types about a status and {@code report}
     * only for {@code admin.report}, as Mastodon leaves them out otherwise.
     */
    public record Notification(String id, String type, Instant createdAt, String groupKey, Object account,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Object status,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Object report) {}

    /** Mastodon's Marker. */
    public record Marker(String lastReadId, int version, Instant updatedAt) {}

    /** Mastodon's Conversation: the other participants and the newest status (null once it cannot be shown). */
    public record Conversation(String id, boolean unread, List<Object> accounts, Object lastStatus) {}

    /** The answer of {@code GET /api/v1/notifications/unread_count}. */
    public record UnreadCount(int count) {}
}
