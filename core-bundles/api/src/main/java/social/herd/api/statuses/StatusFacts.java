package social.herd.api.statuses;

import java.time.Instant;
import java.util.List;

/**
 * What other bundles may decide on without rendering a status.
 *
 * @param id                  the status id
 * @param accountId           its author
 * @param visibility          public, unlisted, private or direct
 * @param inReplyToId         the parent, or null
 * @param inReplyToAccountId  the parent's author, or null
 * @param reblogOfId          the reblogged status for a reblog, or null
 * @param reblogOfAccountId   the reblogged status's author, or null
 * @param mentions            the mentioned account ids
 * @param tags                lower-case hashtag names
 * @param local               written on this server
 * @param held                awaiting moderation: visible to its author only
 * @param deleted             deleted (kept as a tombstone)
 * @param withMedia           has media attachments
 * @param language            ISO 639 code, or null
 * @param createdAt           when it was posted
 */
public record StatusFacts(long id, long accountId, String visibility, Long inReplyToId, Long inReplyToAccountId,
                          Long reblogOfId, Long reblogOfAccountId, List<Long> mentions, List<String> tags,
                          boolean local, boolean held, boolean deleted, boolean withMedia, String language,
                          Instant createdAt) {

    public boolean isReblog() {
        return reblogOfId != null;
    }
}
