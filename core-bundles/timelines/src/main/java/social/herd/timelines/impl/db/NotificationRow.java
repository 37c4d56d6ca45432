package social.herd.timelines.impl.db;

import java.time.Instant;

/**
 * A stored notification.
 *
 * @param id            the notification id (time-sortable: newer is larger)
 * @param accountId     the recipient
 * @param type          Mastodon's type, e.g. {@code mention}, {@code admin.sign_up}
 * @param fromAccountId who acted (Mastodon's {@code account})
 * @param sourceId      what caused it, part of the once-only key (see the migration)
 * @param statusId      the status shown with it, or null
 * @param reportId      the report of an {@code admin.report}, or null
 * @param createdAt     when it was stored
 */
public record NotificationRow(long id, long accountId, String type, long fromAccountId, long sourceId, Long statusId,
                              Long reportId, Instant createdAt) {}
