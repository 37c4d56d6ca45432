package social.herd.statuses.impl.db;

import java.time.Instant;

/**
 * An earlier version of a status ({@code status_edits}); component order = column order of
 * EditMapper.xml's select.
 *
 * @param pollOptions JSON array of that version's poll options, or null when it had no poll
 * @param mediaIds    JSON array of that version's media ids, or null when it had none
 * @param createdAt   when that version was written (the post's or the previous edit's time)
 * @param remoteMedia JSON array of a remote post's attachments in that version, or null
 */
public record EditRow(long id, long statusId, String text, String content, String spoilerText, boolean sensitive,
                      String language, String pollOptions, String mediaIds, Instant createdAt, String remoteMedia) {}
