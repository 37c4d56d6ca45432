package social.herd.admin.impl.plugins;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The uploaded plugins. */
public interface PluginMapper {

    /** A plugin without its jar: what nodes compare against on every sync. */
    record Row(String id, String version, String name, String kind, String sha256, boolean enabled, String config,
               Long uploadedBy, Instant createdAt, Instant updatedAt) {}

    String COLUMNS = "id, version, name, kind, sha256, enabled, config, uploaded_by, created_at, updated_at";

    @Select("SELECT " + COLUMNS + " FROM admin_plugins ORDER BY id")
    List<Row> all();

    @Select("SELECT " + COLUMNS + " FROM admin_plugins WHERE id = #{id}")
    Row byId(@Param("id") String id);

    /** The jar of one version (a record: MyBatis would read a bare byte[] result as a list of rows). */
    record Jar(byte[] bytes) {}

    @Select("SELECT jar FROM admin_plugins WHERE id = #{id} AND sha256 = #{sha}")
    Jar jar(@Param("id") String id, @Param("sha") String sha);

    @Insert("INSERT INTO admin_plugins (id, version, name, kind, jar, sha256, enabled, config, uploaded_by, created_at, updated_at)"
            + " VALUES (#{j.id}, #{j.version}, #{j.name}, #{j.kind}, #{jar}, #{j.sha256}, true, '{}', #{by,jdbcType=BIGINT}, #{now}, #{now})"
            + " ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name, kind = EXCLUDED.kind,"
            + " jar = EXCLUDED.jar, sha256 = EXCLUDED.sha256, uploaded_by = EXCLUDED.uploaded_by, updated_at = EXCLUDED.updated_at")
    int upsert(@Param("j") PluginJar jar, @Param("jar") byte[] bytes, @Param("by") Long uploadedBy, @Param("now") Instant now);

    @Update("UPDATE admin_plugins SET enabled = #{enabled}, updated_at = #{now} WHERE id = #{id}")
    int setEnabled(@Param("id") String id, @Param("enabled") boolean enabled, @Param("now") Instant now);

    @Update("UPDATE admin_plugins SET config = #{config}, updated_at = #{now} WHERE id = #{id}")
    int setConfig(@Param("id") String id, @Param("config") String config, @Param("now") Instant now);

    @Delete("DELETE FROM admin_plugins WHERE id = #{id}")
    int delete(@Param("id") String id);
}
