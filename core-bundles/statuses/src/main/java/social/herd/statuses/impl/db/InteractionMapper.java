package social.herd.statuses.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * Favourites and bookmarks; statements in InteractionMapper.xml. Inserts rely on the unique pair
 * constraints (a double tap inserts once), and answer 1 only when a row was really added, so
 * counters move exactly once.
 */
public interface InteractionMapper {

    int insertFavourite(@Param("id") long id, @Param("accountId") long accountId, @Param("statusId") long statusId,
                        @Param("now") Instant now);

    int deleteFavourite(@Param("accountId") long accountId, @Param("statusId") long statusId);

    int insertBookmark(@Param("id") long id, @Param("accountId") long accountId, @Param("statusId") long statusId,
                       @Param("now") Instant now);

    int deleteBookmark(@Param("accountId") long accountId, @Param("statusId") long statusId);

    /** (favourite id, account) of the favourites of {@code statusId}. */
    List<Ref> favouritedBy(@Param("statusId") long statusId, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                           @Param("minId") Long minId, @Param("limit") int limit);

    /** (favourite id, status) of what {@code accountId} favourited. */
    List<Ref> favouritesOf(@Param("accountId") long accountId, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                           @Param("minId") Long minId, @Param("limit") int limit);

    /** (bookmark id, status) of what {@code accountId} bookmarked. */
    List<Ref> bookmarksOf(@Param("accountId") long accountId, @Param("maxId") Long maxId, @Param("sinceId") Long sinceId,
                          @Param("minId") Long minId, @Param("limit") int limit);
}
