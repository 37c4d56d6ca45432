package social.herd.accounts.impl.db;

/**
 * How the viewing account stands towards one other account, as one row of
 * {@code RelationshipMapper.relationships}. Component order is the select's column order.
 *
 * @param languages the follow's (or pending request's) languages as a JSON array text, or null
 *                  for every language
 * @param note      the viewer's private note, empty when none
 */
public record RelationshipRow(long id, boolean following, boolean showingReblogs, boolean notifying, String languages,
                              boolean followedBy, boolean blocking, boolean blockedBy, boolean muting,
                              boolean mutingNotifications, boolean requested, boolean requestedBy,
                              boolean domainBlocking, String note) {}
