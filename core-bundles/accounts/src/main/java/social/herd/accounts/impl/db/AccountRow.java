package social.herd.accounts.impl.db;

import java.time.Instant;

/**
 * A row of {@code accounts}. Component order is the column order of the mapper's selects (MyBatis
 * maps records by constructor position).
 *
 * @param fields           the profile metadata as JSON text, {@code [{"name":..,"value":..}]}; values
 *                         are plain text for local accounts and sanitised HTML for remote ones
 * @param uri              the actor id of a remote account; null for local accounts
 * @param url              the profile page a remote server published; null for local accounts
 * @param avatarRemoteUrl  a remote account's avatar; null for local accounts or when none is published
 * @param headerRemoteUrl  a remote account's header, likewise
 * @param actorType        a remote account's ActivityStreams type; null for local accounts
 * @param movedToAccountId where the account moved to, or null
 */
public record AccountRow(long id, String username, String domain, String displayName, String note, String noteHtml,
                         boolean locked, boolean bot, boolean discoverable, boolean indexable, String fields,
                         String avatarPath, String headerPath, int followersCount, int followingCount,
                         int statusesCount, Instant lastStatusAt, Instant suspendedAt, Instant createdAt,
                         String uri, String url, String avatarRemoteUrl, String headerRemoteUrl, String actorType,
                         Long movedToAccountId) {

    /** True for accounts of this server. */
    public boolean local() {
        return domain == null;
    }
}
