package social.herd.admin.impl.settings;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** {@code admin_settings}: key and value. */
public interface SettingsMapper {

    /** One setting. */
    record Setting(String key, String value) {}

    @Select("SELECT key, value FROM admin_settings")
    List<Setting> all();

    @Insert("INSERT INTO admin_settings (key, value, updated_at) VALUES (#{key}, #{value}, now())"
            + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()")
    int put(@Param("key") String key, @Param("value") String value);

    @Delete("DELETE FROM admin_settings WHERE key = #{key}")
    int remove(@Param("key") String key);
}
