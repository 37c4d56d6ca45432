package social.herd.federation.impl.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Domain blocks and allows as the admin API manages them. */
public interface DomainAdminMapper {

    /** A whole block row; component order = the selects' column order. */
    record Block(long id, String domain, String severity, boolean rejectMedia, boolean rejectReports, String privateComment,
                 String publicComment, boolean obfuscate, Instant createdAt) {}

    /** An allowed domain. */
    record Allow(long id, String domain, Instant createdAt) {}

    String BLOCK = "SELECT id, domain, severity, reject_media, reject_reports, private_comment, public_comment, obfuscate,"
            + " created_at FROM federation_domain_blocks";

    @Select({"<script>", BLOCK, "WHERE true",
            "<if test='maxId != null'>AND id &lt; #{maxId}</if>",
            "<if test='sinceId != null'>AND id &gt; #{sinceId}</if>",
            "<if test='minId != null'>AND id &gt; #{minId} ORDER BY id ASC</if>",
            "<if test='minId == null'>ORDER BY id DESC</if>",
            "LIMIT #{limit}</script>"})
    List<Block> blocks(@Param("maxId") Long maxId, @Param("sinceId") Long sinceId, @Param("minId") Long minId,
                       @Param("limit") int limit);

    @Select(BLOCK + " ORDER BY domain")
    List<Block> allBlocks();

    @Select(BLOCK + " WHERE id = #{id}")
    Block block(@Param("id") long id);

    @Select(BLOCK + " WHERE domain = #{domain}")
    Block blockByDomain(@Param("domain") String domain);

    @Select("INSERT INTO federation_domain_blocks (domain, severity, reject_media, reject_reports, private_comment,"
            + " public_comment, obfuscate, created_at, updated_at) VALUES (#{b.domain}, #{b.severity}, #{b.rejectMedia},"
            + " #{b.rejectReports}, #{b.privateComment,jdbcType=VARCHAR}, #{b.publicComment,jdbcType=VARCHAR}, #{b.obfuscate},"
            + " #{b.createdAt}, #{b.createdAt}) ON CONFLICT (domain) DO NOTHING RETURNING id")
    Long insertBlock(@Param("b") Block b);

    @Update("UPDATE federation_domain_blocks SET severity = #{b.severity}, reject_media = #{b.rejectMedia},"
            + " reject_reports = #{b.rejectReports}, private_comment = #{b.privateComment,jdbcType=VARCHAR},"
            + " public_comment = #{b.publicComment,jdbcType=VARCHAR}, obfuscate = #{b.obfuscate}, updated_at = now()"
            + " WHERE id = #{b.id}")
    int updateBlock(@Param("b") Block b);

    @Delete("DELETE FROM federation_domain_blocks WHERE id = #{id}")
    int deleteBlock(@Param("id") long id);

    @Select({"<script>SELECT id, domain, created_at FROM federation_domain_allows WHERE true",
            "<if test='maxId != null'>AND id &lt; #{maxId}</if>",
            "<if test='sinceId != null'>AND id &gt; #{sinceId}</if>",
            "<if test='minId != null'>AND id &gt; #{minId} ORDER BY id ASC</if>",
            "<if test='minId == null'>ORDER BY id DESC</if>",
            "LIMIT #{limit}</script>"})
    List<Allow> allows(@Param("maxId") Long maxId, @Param("sinceId") Long sinceId, @Param("minId") Long minId,
                       @Param("limit") int limit);

    @Select("SELECT domain FROM federation_domain_allows")
    List<String> allowedDomains();

    @Select("SELECT id, domain, created_at FROM federation_domain_allows WHERE id = #{id}")
    Allow allow(@Param("id") long id);

    @Select("INSERT INTO federation_domain_allows (domain, created_at) VALUES (#{domain}, now())"
            + " ON CONFLICT (domain) DO UPDATE SET domain = EXCLUDED.domain RETURNING id")
    long insertAllow(@Param("domain") String domain);

    @Delete("DELETE FROM federation_domain_allows WHERE id = #{id}")
    int deleteAllow(@Param("id") long id);
}
