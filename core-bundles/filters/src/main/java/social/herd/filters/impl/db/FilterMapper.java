package social.herd.filters.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * Filters, their keywords and their statuses; statements in FilterMapper.xml. Every lookup by id
 * also names the owning account, so another account's id is simply "not found". Context lists
 * travel as JSON text rather than through a MyBatis array type handler.
 */
public interface FilterMapper {

    /** The account's filters with keywords and statuses; with {@code activeAt}, only those unexpired then. */
    List<FilterRow> byAccount(@Param("accountId") long accountId, @Param("activeAt") Instant activeAt);

    FilterRow byId(@Param("id") long id, @Param("accountId") long accountId);

    /** The id when the filter is the account's, else null. */
    Long owned(@Param("id") long id, @Param("accountId") long accountId);

    /** Locks the account's filter row for this transaction; null when it is not the account's. */
    Long lockFilter(@Param("id") long id, @Param("accountId") long accountId);

    /** Serialises one account's filter creations, so two concurrent ones cannot both pass the limit. */
    int lockAccount(@Param("accountId") long accountId);

    int countFilters(@Param("accountId") long accountId);

    int insertFilter(@Param("id") long id, @Param("accountId") long accountId, @Param("title") String title,
                     @Param("context") String contextJson, @Param("action") String action,
                     @Param("expiresAt") Instant expiresAt, @Param("now") Instant now);

    int updateFilter(@Param("id") long id, @Param("title") String title, @Param("context") String contextJson,
                     @Param("action") String action, @Param("expiresAt") Instant expiresAt, @Param("now") Instant now);

    int touchFilter(@Param("id") long id, @Param("now") Instant now);

    /** Deletes a filter and (by cascade) its keywords and statuses. */
    int deleteFilter(@Param("id") long id);

    KeywordRow keyword(@Param("id") long id, @Param("accountId") long accountId);

    List<KeywordRow> keywordsOf(@Param("filterId") long filterId);

    int countKeywords(@Param("filterId") long filterId);

    int insertKeyword(@Param("id") long id, @Param("filterId") long filterId, @Param("keyword") String keyword,
                      @Param("wholeWord") boolean wholeWord, @Param("now") Instant now);

    int updateKeyword(@Param("id") long id, @Param("filterId") long filterId, @Param("keyword") String keyword,
                      @Param("wholeWord") boolean wholeWord, @Param("now") Instant now);

    int deleteKeyword(@Param("id") long id, @Param("filterId") long filterId);

    StatusRuleRow status(@Param("id") long id, @Param("accountId") long accountId);

    List<StatusRuleRow> statusesOf(@Param("filterId") long filterId);

    int countStatuses(@Param("filterId") long filterId);

    /** 0 when the filter has that status already (also concurrently). */
    int insertStatus(@Param("id") long id, @Param("filterId") long filterId, @Param("statusId") long statusId,
                     @Param("now") Instant now);

    int deleteStatus(@Param("id") long id, @Param("filterId") long filterId);
}
