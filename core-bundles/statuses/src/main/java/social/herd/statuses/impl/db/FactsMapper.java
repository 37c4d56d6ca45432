package social.herd.statuses.impl.db;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Threads (conversation ids) and conversation mutes: what other bundles ask about a status. */
public interface FactsMapper {

    @Select("SELECT conversation_id FROM statuses WHERE id = #{id}")
    Long conversationOf(@Param("id") long statusId);

    @Select("SELECT t.name FROM status_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id = #{id} ORDER BY t.name")
    List<String> tagNames(@Param("id") long statusId);

    @Insert("INSERT INTO conversation_mutes (account_id, conversation_id) VALUES (#{accountId}, #{conversationId})"
            + " ON CONFLICT DO NOTHING")
    int mute(@Param("accountId") long accountId, @Param("conversationId") long conversationId);

    @Delete("DELETE FROM conversation_mutes WHERE account_id = #{accountId} AND conversation_id = #{conversationId}")
    int unmute(@Param("accountId") long accountId, @Param("conversationId") long conversationId);

    @Select("SELECT EXISTS (SELECT 1 FROM conversation_mutes m JOIN statuses s ON s.conversation_id = m.conversation_id"
            + " WHERE s.id = #{statusId} AND m.account_id = #{accountId})")
    boolean muted(@Param("accountId") long accountId, @Param("statusId") long statusId);

    /** The ids as one array parameter: the statement text, and so its server-side plan, is the same every time. */
    String IDS = "ANY(#{ids,typeHandler=org.apache.ibatis.type.ArrayTypeHandler}::bigint[])";

    /** Mentions, tags and polls of statuses. */
    String CONTENT_FACTS = "SELECT m.status_id AS id, 'm' AS kind, m.account_id AS target, NULL AS name FROM status_mentions m"
            + " WHERE m.status_id = " + IDS
            + " UNION ALL SELECT st.status_id, 't', NULL, t.name FROM status_tags st JOIN tags t ON t.id = st.tag_id"
            + " WHERE st.status_id = " + IDS
            + " UNION ALL SELECT p.status_id, 'p', p.id, NULL FROM polls p WHERE p.status_id = " + IDS;

    /**
     * What {@code StatusViews} needs besides the rows, in one round trip, for a logged-out viewer:
     * mentions, tags and polls of {@code ids}. Static SQL (no dynamic parts to parse per call).
     */
    @Select(CONTENT_FACTS + " ORDER BY kind, id, target, name")
    List<RenderFact> renderFacts(@Param("ids") Long[] ids);

    /**
     * As {@link #renderFacts(Long[])}, plus which of {@code ids} the viewer favourited, bookmarked,
     * reblogged (live reblog), pinned or muted (conversation).
     */
    @Select(CONTENT_FACTS
            + " UNION ALL SELECT f.status_id, 'F', NULL, NULL FROM favourites f WHERE f.account_id = #{viewer} AND f.status_id = " + IDS
            + " UNION ALL SELECT b.status_id, 'B', NULL, NULL FROM bookmarks b WHERE b.account_id = #{viewer} AND b.status_id = " + IDS
            + " UNION ALL SELECT r.reblog_of_id, 'R', NULL, NULL FROM statuses r WHERE r.account_id = #{viewer}"
            + " AND r.deleted_at IS NULL AND r.reblog_of_id = " + IDS
            + " UNION ALL SELECT sp.status_id, 'P', NULL, NULL FROM status_pins sp WHERE sp.account_id = #{viewer} AND sp.status_id = " + IDS
            + " UNION ALL SELECT s.id, 'M', NULL, NULL FROM statuses s JOIN conversation_mutes cm"
            + " ON cm.conversation_id = s.conversation_id AND cm.account_id = #{viewer} WHERE s.id = " + IDS
            + " ORDER BY kind, id, target, name")
    List<RenderFact> renderFactsFor(@Param("viewer") long viewerId, @Param("ids") Long[] ids);

    /** The accounts that voted in a poll. */
    @Select("SELECT account_id FROM poll_votes WHERE poll_id = #{pollId} ORDER BY account_id")
    List<Long> pollVoters(@Param("pollId") long pollId);

    /** Tag names starting with {@code prefix} (already lower case, LIKE-escaped), exact match first. */
    @Select("SELECT name FROM tags WHERE name LIKE #{prefix} || '%' ORDER BY name = #{exact} DESC, length(name), name"
            + " LIMIT #{limit}")
    java.util.List<String> tagsStartingWith(@Param("prefix") String prefix, @Param("exact") String exact,
                                            @Param("limit") int limit);

    @Select("SELECT id FROM statuses WHERE id > #{after} AND deleted_at IS NULL AND NOT held AND reblog_of_id IS NULL"
            + " ORDER BY id LIMIT #{limit}")
    java.util.List<Long> liveIdsAfter(@Param("after") long afterId, @Param("limit") int limit);

    /** Per-day uses of the most used tags of public posts since {@code since}. */
    @Select("WITH used AS (SELECT t.name, s.id, s.account_id, (s.created_at AT TIME ZONE 'UTC')::date AS day"
            + " FROM status_tags st JOIN tags t ON t.id = st.tag_id JOIN statuses s ON s.id = st.status_id"
            + " WHERE s.created_at >= #{since} AND s.visibility = 'public' AND s.deleted_at IS NULL AND NOT s.held),"
            + " top AS (SELECT name FROM used GROUP BY name ORDER BY count(DISTINCT account_id) DESC, count(*) DESC, name"
            + " LIMIT #{limit})"
            + " SELECT u.name, u.day, count(*) AS uses, count(DISTINCT u.account_id) AS accounts FROM used u"
            + " JOIN top ON top.name = u.name GROUP BY u.name, u.day")
    java.util.List<social.herd.api.statuses.StatusDirectory.TagDay> tagUses(@Param("since") java.time.Instant since,
                                                                          @Param("limit") int limit);

    /** One account's live post ids above {@code after}, ascending. */
    @Select("SELECT id FROM statuses WHERE account_id = #{account} AND id > #{after} AND deleted_at IS NULL AND NOT held"
            + " AND reblog_of_id IS NULL ORDER BY id LIMIT #{limit}")
    java.util.List<Long> liveIdsOfAfter(@Param("account") long accountId, @Param("after") long afterId, @Param("limit") int limit);

    /** What search indexes of the live posts among {@code ids} (poll options included). */
    @Select("<script>SELECT s.id, s.account_id, s.visibility, s.language, s.created_at, s.with_media,"
            + " p.options IS NOT NULL AS with_poll, s.in_reply_to_id IS NOT NULL AS reply, s.sensitive, s.spoiler_text,"
            + " s.content, array_to_string(p.options, chr(10)) AS poll_text"
            + " FROM statuses s LEFT JOIN polls p ON p.status_id = s.id"
            + " WHERE s.deleted_at IS NULL AND NOT s.held AND s.reblog_of_id IS NULL AND s.id IN"
            + " <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    java.util.List<SearchRow> searchable(@Param("ids") java.util.Collection<Long> ids);

    /** A row of {@link #searchable}. */
    record SearchRow(long id, long accountId, String visibility, String language, java.time.Instant createdAt,
                     boolean withMedia, boolean withPoll, boolean reply, boolean sensitive, String spoilerText,
                     String content, String pollText) {}
}
