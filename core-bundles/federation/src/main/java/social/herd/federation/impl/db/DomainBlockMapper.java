package social.herd.federation.impl.db;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** {@code federation_domain_blocks}. */
public interface DomainBlockMapper {

    @Select("SELECT domain, severity, reject_media AS rejectMedia, reject_reports AS rejectReports"
            + " FROM federation_domain_blocks")
    List<DomainBlockRow> all();

    @Select("INSERT INTO federation_domain_blocks (domain, severity, reject_media) VALUES (lower(#{domain}), #{severity}, #{rejectMedia})"
            + " ON CONFLICT (domain) DO UPDATE SET severity = EXCLUDED.severity, reject_media = EXCLUDED.reject_media"
            + " RETURNING domain")
    String upsert(@Param("domain") String domain, @Param("severity") String severity, @Param("rejectMedia") boolean rejectMedia);
}
