package social.herd.accounts.impl.db;

import java.time.Instant;

/** A row of {@code invites}. */
public record InviteRow(long id, String code, Integer maxUses, int uses, Instant expiresAt) {

    /** Not expired and with uses left at {@code now}. */
    public boolean usable(Instant now) {
        return (expiresAt == null || expiresAt.isAfter(now)) && (maxUses == null || uses < maxUses);
    }
}
