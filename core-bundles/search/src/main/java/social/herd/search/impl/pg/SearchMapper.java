package social.herd.search.impl.pg;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import social.herd.search.impl.engine.StatusDoc;
import social.herd.search.impl.engine.StatusQuery;

/** {@code search_statuses}: the PostgreSQL engine's documents. */
public interface SearchMapper {

    /** A document with its text folded for indexing. */
    record Folded(StatusDoc d, String folded) {}

    /** Adds or replaces many documents in one statement. */
    @Insert("<script>INSERT INTO search_statuses (status_id, account_id, visibility, language, created_at, has_media,"
            + " has_poll, is_reply, sensitive, document) VALUES"
            + "<foreach item='r' collection='rows' separator=','>(#{r.d.statusId}, #{r.d.accountId}, #{r.d.visibility},"
            + " #{r.d.language}, #{r.d.createdAt}, #{r.d.hasMedia}, #{r.d.hasPoll}, #{r.d.isReply}, #{r.d.sensitive},"
            + " to_tsvector('simple', #{r.folded}))</foreach>"
            + " ON CONFLICT (status_id) DO UPDATE SET visibility = EXCLUDED.visibility, language = EXCLUDED.language,"
            + " has_media = EXCLUDED.has_media, has_poll = EXCLUDED.has_poll, is_reply = EXCLUDED.is_reply,"
            + " sensitive = EXCLUDED.sensitive, document = EXCLUDED.document</script>")
    int upsert(@Param("rows") List<Folded> rows);

    @Delete("<script>DELETE FROM search_statuses WHERE status_id IN"
            + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    int delete(@Param("ids") List<Long> statusIds);

    @Delete("DELETE FROM search_statuses WHERE account_id = #{id}")
    int deleteAccount(@Param("id") long accountId);

    /** Candidates newest first; the text is matched with websearch_to_tsquery (quotes, -words, or). */
    @Select("<script>SELECT status_id FROM search_statuses WHERE true"
            + "<if test='text != null'> AND document @@ websearch_to_tsquery('simple', #{text})</if>"
            + "<if test='q.from != null'> AND account_id = #{q.from}</if>"
            + "<if test='q.accounts != null'> AND account_id = #{q.accounts}</if>"
            + "<if test='q.hasMedia != null'> AND has_media = #{q.hasMedia}</if>"
            + "<if test='q.hasPoll != null'> AND has_poll = #{q.hasPoll}</if>"
            + "<if test='q.isReply != null'> AND is_reply = #{q.isReply}</if>"
            + "<if test='q.sensitive != null'> AND sensitive = #{q.sensitive}</if>"
            + "<if test='q.language != null'> AND language = #{q.language}</if>"
            + "<if test='q.before != null'> AND created_at &lt; #{q.before}</if>"
            + "<if test='q.after != null'> AND created_at &gt;= #{q.after}</if>"
            + "<if test='maxId != null'> AND status_id &lt; #{maxId}</if>"
            + "<if test='minId != null'> AND status_id &gt; #{minId}</if>"
            + " ORDER BY status_id DESC LIMIT #{limit}</script>")
    List<Long> find(@Param("q") StatusQuery query, @Param("text") String foldedText, @Param("minId") Long minId,
                    @Param("maxId") Long maxId,
                    @Param("limit") int limit);

    /** Fresh planner statistics after a bulk load (without them the first searches may pick slow plans). */
    @org.apache.ibatis.annotations.Update("ANALYZE search_statuses")
    void analyze();
}
