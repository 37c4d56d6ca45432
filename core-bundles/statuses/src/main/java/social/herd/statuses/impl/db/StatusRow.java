package social.herd.statuses.impl.db;

import java.time.Instant;

/**
 * One row of {@code statuses}; component order = column order of StatusMapper.xml's "columns".
 *
 * @param text              the source as written
 * @param content           the rendered HTML
 * @param reblogOfId        the reblogged status when this row is a reblog, else null
 * @param reblogOfAccountId that status's author
 * @param held              kept for moderator review: only the author sees it
 */
public record StatusRow(long id, long accountId, String text, String content, String spoilerText, boolean sensitive,
                        String visibility, Long inReplyToId, Long inReplyToAccountId, Long reblogOfId,
                        Long reblogOfAccountId, String language, boolean local, boolean held, boolean withMedia,
                        Instant createdAt, Instant editedAt, Instant deletedAt, int repliesCount, int reblogsCount,
                        int favouritesCount) {

    public boolean isReblog() {
        return reblogOfId != null;
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}
