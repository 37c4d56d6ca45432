package social.herd.timelines.impl.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Markers (read positions). */
public interface MarkerMapper {

    @Select("<script>SELECT timeline, last_read_id, version, updated_at FROM markers WHERE account_id = #{accountId}"
            + " AND timeline IN <foreach collection='timelines' item='t' open='(' separator=',' close=')'>#{t}</foreach>"
            + " ORDER BY timeline</script>")
    List<MarkerRow> of(@Param("accountId") long accountId, @Param("timelines") Collection<String> timelines);

    /** Sets the position; a new marker starts at version 0, each later update adds one. */
    @Select("INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at)"
            + " VALUES (#{accountId}, #{timeline}, #{lastReadId}, 0, #{now})"
            + " ON CONFLICT (account_id, timeline) DO UPDATE SET last_read_id = EXCLUDED.last_read_id,"
            + " version = markers.version + 1, updated_at = EXCLUDED.updated_at"
            + " RETURNING timeline, last_read_id, version, updated_at")
    @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
    MarkerRow set(@Param("accountId") long accountId, @Param("timeline") String timeline,
                  @Param("lastReadId") long lastReadId, @Param("now") Instant now);

    @Select("SELECT last_read_id FROM markers WHERE account_id = #{accountId} AND timeline = #{timeline}")
    Long lastRead(@Param("accountId") long accountId, @Param("timeline") String timeline);
}
