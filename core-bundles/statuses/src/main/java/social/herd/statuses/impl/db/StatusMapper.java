package social.herd.statuses.impl.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * SQL on statuses, their mentions, tags and idempotency keys; statements in StatusMapper.xml.
 * Counters change in one statement ({@code x = x + delta}) so concurrent changes add up.
 * Paged queries take Mastodon's {@code maxId}, {@code sinceId}, {@code minId} (nullable) and
 * {@code limit}; with {@code minId} rows come oldest first.
 */
public interface StatusMapper {

    /** Inserts a status; 0 when a live reblog of the same status by the same account exists. */
    int insert(StatusRow row);

    StatusRow byId(@Param("id") long id);

    List<StatusRow> byIds(@Param("ids") Collection<Long> ids);

    int insertMention(@Param("statusId") long statusId, @Param("accountId") long accountId);

    /** (status id, account id) of every mention of the given statuses. */
    List<Ref> mentions(@Param("ids") Collection<Long> statusIds);

    /** The tag's id, creating it when new. */
    long upsertTag(@Param("id") long id, @Param("name") String name, @Param("now") Instant now);

    int insertStatusTag(@Param("statusId") long statusId, @Param("tagId") long tagId);

    /**
     * Claims an idempotency key for {@code statusId}: the claimed status id when the key was new or
     * older than {@code expiredBefore}, null when a live key exists (then see {@link #keyedStatus}).
     */
    Long claimKey(@Param("accountId") long accountId, @Param("key") String key, @Param("statusId") long statusId,
                  @Param("now") Instant now, @Param("expiredBefore") Instant expiredBefore);

    Long keyedStatus(@Param("accountId") long accountId, @Param("key") String key);

    int addReplies(@Param("id") long id, @Param("delta") int delta);

    int addReblogs(@Param("id") long id, @Param("delta") int delta);

    int addFavourites(@Param("id") long id, @Param("delta") int delta);

    /** Marks a live status deleted; 1 when it was live. */
    int markDeleted(@Param("id") long id, @Param("now") Instant now);

    /** Marks every live reblog of {@code id} deleted. */
    int deleteReblogsOf(@Param("id") long id, @Param("now") Instant now);

    /** The live reblog of {@code statusId} by {@code accountId}, or null. */
    StatusRow reblogBy(@Param("accountId") long accountId, @Param("statusId") long statusId);

    /** Live statuses up the reply chain of {@code id}, nearest first, at most {@code limit}. */
    List<StatusRow> ancestors(@Param("id") long id, @Param("limit") int limit);

    /** Live replies below {@code id}, any depth, oldest first, at most {@code limit}. */
    List<StatusRow> descendants(@Param("id") long id, @Param("limit") int limit);

    // ---- timelines: candidates only; StatusVisibility decides what is shown

    /**
     * Live statuses and reblogs by any of {@code accountIds}, read per account through
     * statuses_by_account and merged: the cost is one index probe per account plus about a page of
     * rows, however long ago the accounts last posted (see the statement).
     */
    default List<StatusRow> byAccounts(Collection<Long> accountIds, Long maxId, Long sinceId, Long minId, int limit) {
        if (accountIds.isEmpty()) return List.of();
        return byAccounts(accountIds.toArray(Long[]::new), maxId, sinceId, minId, limit, limit - 1);
    }

    List<StatusRow> byAccounts(@Param("accountIds") Long[] accountIds, @Param("maxId") Long maxId,
                               @Param("sinceId") Long sinceId, @Param("minId") Long minId, @Param("limit") int limit,
                               @Param("offset") int offset);

    /** (id, reblogged id or 0) of the newest {@code limit} live statuses and reblogs of the accounts, newest first. */
    List<Ref> feedEntries(@Param("accountIds") Long[] accountIds, @Param("limit") int limit);

    /** Statuses by id, in no particular order; one statement text whatever the number of ids. */
    List<StatusRow> byIdArray(@Param("ids") Long[] ids);

    /** Live public original posts; {@code local} true/false/null = local only / remote only / both. */
    List<StatusRow> publicPosts(@Param("local") Boolean local, @Param("onlyMedia") boolean onlyMedia,
                                @Param("tag") String tag, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                                @Param("minId") Long minId, @Param("limit") int limit);

    /**
     * Live public original posts with any of the tags {@code any}, each of {@code all} and none of
     * {@code none} (lower-case names).
     */
    List<StatusRow> tagPosts(@Param("any") String[] any, @Param("all") List<String> all, @Param("none") String[] none,
                             @Param("local") Boolean local, @Param("onlyMedia") boolean onlyMedia,
                             @Param("maxId") Long maxId, @Param("sinceId") Long sinceId, @Param("minId") Long minId,
                             @Param("limit") int limit);

    /** (reblog status id, reblogging account) of live reblogs of {@code statusId}. */
    List<Ref> rebloggedBy(@Param("statusId") long statusId, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                          @Param("minId") Long minId, @Param("limit") int limit);

    /**
     * Live statuses and reblogs of one account, through statuses_by_account.
     *
     * @param excludeReplies leaves out replies to others (replies to oneself, threads, stay)
     * @param tag            a lower-case hashtag name to restrict to, or null
     */
    List<StatusRow> byAccount(@Param("accountId") long accountId, @Param("excludeReplies") boolean excludeReplies,
                              @Param("excludeReblogs") boolean excludeReblogs, @Param("onlyMedia") boolean onlyMedia,
                              @Param("tag") String tag, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                              @Param("minId") Long minId, @Param("limit") int limit);

    /** The account's live pinned statuses, paged by status id like {@link #byAccount}. */
    List<StatusRow> pinnedBy(@Param("accountId") long accountId, @Param("maxId") Long maxId,
                             @Param("sinceId") Long sinceId, @Param("minId") Long minId, @Param("limit") int limit);
}
