package social.herd.search.impl.index;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** {@code search_backlog}: index work waiting for the engine. */
public interface BacklogMapper {

    /** One piece of work. */
    record Item(String kind, long targetId) {}

    /** The same work queued twice is one row (the oldest time is kept, so lag is not hidden). */
    @Insert("INSERT INTO search_backlog (kind, target_id) VALUES (#{kind}, #{id}) ON CONFLICT DO NOTHING")
    int add(@Param("kind") String kind, @Param("id") long targetId);

    /** The oldest rows, locked for this transaction; rows another node is working on are skipped. */
    @Select("SELECT kind, target_id FROM search_backlog ORDER BY queued_at, kind, target_id LIMIT #{limit}"
            + " FOR UPDATE SKIP LOCKED")
    List<Item> claim(@Param("limit") int limit);

    @Delete("<script>DELETE FROM search_backlog WHERE (kind, target_id) IN"
            + "<foreach item='i' collection='items' open='(' separator=',' close=')'>(#{i.kind}, #{i.targetId})</foreach>"
            + "</script>")
    int done(@Param("items") List<Item> items);

    @Select("SELECT count(*) FROM search_backlog")
    long size();

    @Select("SELECT min(queued_at) FROM search_backlog")
    Instant oldest();
}
