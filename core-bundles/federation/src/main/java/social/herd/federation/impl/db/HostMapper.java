package social.herd.federation.impl.db;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** {@code federation_hosts}: per remote host, scheme memory and failure streak. */
public interface HostMapper {

    @Select("SELECT host, signature_scheme AS scheme, failures, failing_since AS failingSince,"
            + " unavailable_since AS unavailableSince FROM federation_hosts WHERE host = #{host}")
    HostRow find(@Param("host") String host);

    @Insert("INSERT INTO federation_hosts (host, signature_scheme, updated_at) VALUES (#{host}, #{scheme}, now())"
            + " ON CONFLICT (host) DO UPDATE SET signature_scheme = EXCLUDED.signature_scheme, updated_at = now()")
    int setScheme(@Param("host") String host, @Param("scheme") String scheme);

    /** A success ends any failure streak and revives an unavailable host. */
    @Insert("INSERT INTO federation_hosts (host, last_success_at, updated_at) VALUES (#{host}, #{now}, #{now})"
            + " ON CONFLICT (host) DO UPDATE SET failures = 0, failing_since = NULL, unavailable_since = NULL,"
            + " last_success_at = #{now}, updated_at = #{now}")
    int succeeded(@Param("host") String host, @Param("now") Instant now);

    @Insert("INSERT INTO federation_hosts (host, failures, failing_since, updated_at) VALUES (#{host}, 1, #{now}, #{now})"
            + " ON CONFLICT (host) DO UPDATE SET failures = federation_hosts.failures + 1,"
            + " failing_since = COALESCE(federation_hosts.failing_since, #{now}), updated_at = #{now}")
    int failed(@Param("host") String host, @Param("now") Instant now);

    @Update("UPDATE federation_hosts SET unavailable_since = #{now}, updated_at = #{now}"
            + " WHERE host = #{host} AND unavailable_since IS NULL")
    int markUnavailable(@Param("host") String host, @Param("now") Instant now);

    @Select("SELECT host, signature_scheme AS scheme, failures, failing_since AS failingSince,"
            + " unavailable_since AS unavailableSince FROM federation_hosts WHERE failures > 0"
            + " ORDER BY failures DESC, host LIMIT #{limit}")
    java.util.List<HostRow> failing(@Param("limit") int limit);
}
