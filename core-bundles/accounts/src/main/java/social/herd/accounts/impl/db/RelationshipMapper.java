package social.herd.accounts.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * SQL on follows, follow requests, blocks, mutes, account notes and user-level domain blocks;
 * statements in RelationshipMapper.xml beside this interface. Writes that can race (a client
 * double-tapping "follow") rely on the unique pair constraints with ON CONFLICT, never on a
 * look-up first.
 *
 * <p>List queries take Mastodon's paging parameters ({@code maxId}, {@code sinceId},
 * {@code minId}, each nullable, and {@code limit}); with {@code minId} rows come oldest first.
 */
public interface RelationshipMapper {

    // ---- follows and follow requests

    /**
     * Inserts a follow unless the pair exists; 1 when inserted. Null options take the defaults.
     *
     * @param uri the Follow activity's id when the follower is remote, else null
     */
    int insertFollow(@Param("id") long id, @Param("accountId") long accountId, @Param("targetId") long targetId,
                     @Param("reblogs") Boolean reblogs, @Param("notify") Boolean notify,
                     @Param("setLanguages") boolean setLanguages, @Param("languages") String[] languages,
                     @Param("uri") String uri, @Param("now") Instant now);

    /** Changes the options of an existing follow (null: keep); 0 when not following. */
    int updateFollow(@Param("accountId") long accountId, @Param("targetId") long targetId,
                     @Param("reblogs") Boolean reblogs, @Param("notify") Boolean notify,
                     @Param("setLanguages") boolean setLanguages, @Param("languages") String[] languages);

    int deleteFollow(@Param("accountId") long accountId, @Param("targetId") long targetId);

    /** Inserts a pending request unless the pair has one; 1 when inserted. Null options take the defaults. */
    int insertFollowRequest(@Param("id") long id, @Param("accountId") long accountId, @Param("targetId") long targetId,
                            @Param("reblogs") Boolean reblogs, @Param("notify") Boolean notify,
                            @Param("setLanguages") boolean setLanguages, @Param("languages") String[] languages,
                            @Param("uri") String uri, @Param("now") Instant now);

    int updateFollowRequest(@Param("accountId") long accountId, @Param("targetId") long targetId,
                            @Param("reblogs") Boolean reblogs, @Param("notify") Boolean notify,
                            @Param("setLanguages") boolean setLanguages, @Param("languages") String[] languages);

    /** Turns the request of {@code accountId} to {@code targetId} into a follow with its options; 1 when a follow was created. */
    int followFromRequest(@Param("id") long id, @Param("accountId") long accountId, @Param("targetId") long targetId,
                          @Param("now") Instant now);

    int deleteFollowRequest(@Param("accountId") long accountId, @Param("targetId") long targetId);

    /** Sets the Follow activity id of an existing follow; 0 when not following. */
    int setFollowUri(@Param("accountId") long accountId, @Param("targetId") long targetId, @Param("uri") String uri);

    /** Sets the Follow activity id of a pending request; 0 when there is none. */
    int setFollowRequestUri(@Param("accountId") long accountId, @Param("targetId") long targetId,
                            @Param("uri") String uri);

    /** The Follow activity id behind the follow, else the pending request, of the pair; null when none. */
    String followActivityUri(@Param("accountId") long accountId, @Param("targetId") long targetId);

    /**
     * Copies {@code accountId}'s follow of {@code fromId} (with its options) to {@code toId}, as a
     * follow or as a pending request, unless the pair exists; 1 when a row was inserted.
     */
    int copyFollow(@Param("id") long id, @Param("accountId") long accountId, @Param("fromId") long fromId,
                   @Param("toId") long toId, @Param("asRequest") boolean asRequest, @Param("now") Instant now);

    /** Local, unsuspended accounts following {@code accountId}, by id. */
    List<Long> localFollowerIds(@Param("accountId") long accountId);

    /** Unsuspended remote accounts following {@code accountId} with an id above {@code afterId}, by id. */
    List<Long> remoteFollowers(@Param("accountId") long accountId, @Param("afterId") long afterId,
                               @Param("limit") int limit);

    /** Deletes every follow from and to the account; the removed pairs. */
    List<FollowPair> deleteFollowsOf(@Param("accountId") long accountId);

    /** Deletes every pending request from and to the account; the removed pairs. */
    List<FollowPair> deleteFollowRequestsOf(@Param("accountId") long accountId);

    /**
     * Adds {@code delta} to the follower's following_count and the followed account's
     * followers_count, in one statement so that concurrent changes add up.
     */
    int addToFollowCounts(@Param("accountId") long accountId, @Param("targetId") long targetId,
                          @Param("delta") int delta);

    int countFollowRequests(@Param("targetId") long targetId);

    // ---- blocks, mutes, notes

    boolean blockedEitherWay(@Param("a") long a, @Param("b") long b);

    int insertBlock(@Param("id") long id, @Param("accountId") long accountId, @Param("targetId") long targetId,
                    @Param("now") Instant now);

    int deleteBlock(@Param("accountId") long accountId, @Param("targetId") long targetId);

    /** Inserts or replaces the mute's options. */
    int upsertMute(@Param("id") long id, @Param("accountId") long accountId, @Param("targetId") long targetId,
                   @Param("hideNotifications") boolean hideNotifications, @Param("expiresAt") Instant expiresAt,
                   @Param("now") Instant now);

    int deleteMute(@Param("accountId") long accountId, @Param("targetId") long targetId);

    int upsertNote(@Param("id") long id, @Param("accountId") long accountId, @Param("targetId") long targetId,
                   @Param("comment") String comment, @Param("now") Instant now);

    int deleteNote(@Param("accountId") long accountId, @Param("targetId") long targetId);

    // ---- user-level domain blocks

    boolean domainBlocked(@Param("accountId") long accountId, @Param("domain") String domain);

    int insertDomainBlock(@Param("id") long id, @Param("accountId") long accountId, @Param("domain") String domain,
                          @Param("now") Instant now);

    int deleteDomainBlock(@Param("accountId") long accountId, @Param("domain") String domain);

    /** Removes follows both ways between the account and accounts of {@code domain}; the removed pairs. */
    List<FollowPair> deleteFollowsWithDomain(@Param("accountId") long accountId, @Param("domain") String domain);

    int deleteFollowRequestsWithDomain(@Param("accountId") long accountId, @Param("domain") String domain);

    List<DomainRow> domainBlocks(@Param("accountId") long accountId, @Param("maxId") Long maxId,
                                 @Param("sinceId") Long sinceId, @Param("minId") Long minId,
                                 @Param("limit") int limit);

    // ---- reads

    /** The viewer's relationship to each existing account of {@code ids} (any order). */
    List<RelationshipRow> relationships(@Param("viewerId") long viewerId, @Param("ids") List<Long> ids,
                                        @Param("withSuspended") boolean withSuspended, @Param("now") Instant now);

    List<PageRow> followers(@Param("accountId") long accountId, @Param("maxId") Long maxId,
                            @Param("sinceId") Long sinceId, @Param("minId") Long minId, @Param("limit") int limit);

    List<PageRow> following(@Param("accountId") long accountId, @Param("maxId") Long maxId,
                            @Param("sinceId") Long sinceId, @Param("minId") Long minId, @Param("limit") int limit);

    List<PageRow> followRequests(@Param("accountId") long accountId, @Param("maxId") Long maxId,
                                 @Param("sinceId") Long sinceId, @Param("minId") Long minId, @Param("limit") int limit);

    List<PageRow> blocks(@Param("accountId") long accountId, @Param("maxId") Long maxId,
                         @Param("sinceId") Long sinceId, @Param("minId") Long minId, @Param("limit") int limit);

    List<PageRow> mutes(@Param("accountId") long accountId, @Param("now") Instant now, @Param("maxId") Long maxId,
                        @Param("sinceId") Long sinceId, @Param("minId") Long minId, @Param("limit") int limit);

    /** For each of {@code ids}: accounts the viewer follows that follow it (accountId = the follower, id = the target). */
    List<PageRow> familiarFollowers(@Param("viewerId") long viewerId, @Param("ids") List<Long> ids);
}
