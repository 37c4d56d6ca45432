package social.herd.statuses.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * SQL of federation: remote statuses by ActivityPub id, and local posts for ActivityPub
 * collections; statements in RemoteMapper.xml. JSON columns travel as text.
 */
public interface RemoteMapper {

    /**
     * Inserts a remote status or boost {@code s} with its uri; 0 when the uri is stored already (also
     * by a concurrent transaction, which this one waits for) or, for a boost, when the account has a
     * live boost of that status.
     */
    int insert(@Param("s") StatusRow s, @Param("uri") String uri, @Param("url") String url,
               @Param("media") String mediaJson, @Param("emojis") String emojisJson);

    /** The status with this uri, deleted or not, or null. */
    StatusRow byUri(@Param("uri") String uri);

    /** The live status with this uri, locked until the transaction ends (edits apply one by one). */
    StatusRow lockByUri(@Param("uri") String uri);

    /** The uris, urls, media and emojis of the statuses {@code ids} (all of them, local ones too). */
    List<RemoteFact> facts(@Param("ids") Long[] ids);

    /** Writes what a remote edit changes. */
    int update(@Param("id") long id, @Param("content") String content, @Param("spoilerText") String spoilerText,
               @Param("sensitive") boolean sensitive, @Param("language") String language,
               @Param("withMedia") boolean withMedia, @Param("url") String url, @Param("media") String mediaJson,
               @Param("emojis") String emojisJson, @Param("editedAt") Instant editedAt);

    /** Live statuses and boosts of a remote account, oldest first, at most {@code limit}. */
    List<StatusRow> liveOf(@Param("accountId") long accountId, @Param("limit") int limit);

    /** Ids of the account's live posts (not boosts, not held) with one of {@code visibilities}, newest first. */
    List<Long> outbox(@Param("accountId") long accountId, @Param("maxId") Long maxId, @Param("limit") int limit,
                      @Param("visibilities") List<String> visibilities);

    long outboxSize(@Param("accountId") long accountId);

    /** The account's live pinned statuses, most recently pinned first. */
    List<Long> pinned(@Param("accountId") long accountId);

    /** Live public and unlisted replies to {@code statusId} by its author, oldest first. */
    List<Long> selfReplies(@Param("statusId") long statusId, @Param("limit") int limit);

    long localPostCount();
}
