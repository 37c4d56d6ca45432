package social.herd.accounts.impl.db;

import java.time.Instant;

/**
 * A row of {@code accounts}. Component order is the column order of the mapper's selects (MyBatis
 * maps records by constructor position).
 *
 * @param fields the profile metadata as JSON text, {@code [{"name":..,"value":..}]}
 */
public record AccountRow(long id, String username, String domain, String displayName, String note, String noteHtml,
                         boolean locked, boolean bot, boolean discoverable, boolean indexable, String fields,
                         String avatarPath, String headerPath, int followersCount, int followingCount,
                         int statusesCount, Instant lastStatusAt, Instant suspendedAt, Instant createdAt) {

    /** True for accounts of this server. */
    public boolean local() {
        return domain == null;
    }
}
