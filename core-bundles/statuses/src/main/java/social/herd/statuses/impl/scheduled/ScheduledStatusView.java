package social.herd.statuses.impl.scheduled;

import java.time.Instant;
import java.util.List;
import social.herd.statuses.impl.db.ScheduledRow;

/** Mastodon's ScheduledStatus entity. */
public record ScheduledStatusView(String id, Instant scheduledAt, ScheduledParams params, List<Object> mediaAttachments) {

    static ScheduledStatusView of(ScheduledRow r, List<Object> media) {
        return new ScheduledStatusView(Long.toString(r.id()), r.scheduledAt(), ScheduledParams.read(r.params()), media);
    }
}
