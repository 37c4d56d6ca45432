package social.herd.search.impl.engine;

import java.time.Instant;

/**
 * What the engines index of a post: its text (content warning and content as plain text) and the
 * facts the search operators filter on. Who may find it is decided when searching, never here.
 */
public record StatusDoc(long statusId, long accountId, String visibility, String language, Instant createdAt,
                        boolean hasMedia, boolean hasPoll, boolean isReply, boolean sensitive, String text) {}
