package social.herd.admin.impl.plugins;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** {@code admin_builtin_plugin_config}: the admin's settings of plugins that were not uploaded. */
public interface BuiltInConfigMapper {

    record Row(String id, String config) {}

    @Select("SELECT id, config FROM admin_builtin_plugin_config ORDER BY id")
    List<Row> all();

    @Insert("INSERT INTO admin_builtin_plugin_config (id, config, updated_at) VALUES (#{id}, #{config}, #{now})"
            + " ON CONFLICT (id) DO UPDATE SET config = EXCLUDED.config, updated_at = EXCLUDED.updated_at")
    int put(@Param("id") String id, @Param("config") String config, @Param("now") Instant now);
}
