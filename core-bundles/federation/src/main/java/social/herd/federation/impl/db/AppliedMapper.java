package social.herd.federation.impl.db;

import java.time.Instant;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** {@code federation_applied}: activity ids already applied. */
public interface AppliedMapper {

    /** @return 1 when the id is new (apply it), 0 when it was applied before */
    @Insert("INSERT INTO federation_applied (activity_id) VALUES (#{id}) ON CONFLICT DO NOTHING")
    int claim(@Param("id") String activityId);

    @Select("SELECT EXISTS (SELECT 1 FROM federation_applied WHERE activity_id = #{id})")
    boolean applied(@Param("id") String activityId);

    @Delete("DELETE FROM federation_applied WHERE applied_at < #{before}")
    int purge(@Param("before") Instant before);
}
