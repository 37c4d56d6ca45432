package social.herd.accounts.impl.admin;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** E-mail domain blocks and IP blocks: what sign-up checks, and what admins manage. */
public interface SignUpBlockMapper {

    /** An e-mail domain block. */
    record EmailDomain(long id, String domain, Instant createdAt) {}

    /** An IP block; {@code ip} in CIDR notation. */
    record IpBlock(long id, String ip, String severity, String comment, Instant expiresAt, Instant createdAt) {}

    /** Whether {@code domain} or one of its parents is blocked. */
    @Select("SELECT EXISTS (SELECT 1 FROM email_domain_blocks WHERE domain = #{domain} OR #{domain} LIKE '%.' || domain)")
    boolean emailDomainBlocked(@Param("domain") String domain);

    /** The severities of unexpired IP blocks containing {@code address}. */
    @Select("SELECT severity FROM ip_blocks WHERE #{address}::inet <<= ip AND (expires_at IS NULL OR expires_at > now())")
    List<String> ipSeverities(@Param("address") String address);

    @Select({"<script>SELECT id, domain, created_at FROM email_domain_blocks WHERE true",
            "<if test='maxId != null'>AND id &lt; #{maxId}</if>",
            "<if test='sinceId != null'>AND id &gt; #{sinceId}</if>",
            "ORDER BY id DESC LIMIT #{limit}</script>"})
    List<EmailDomain> emailDomains(@Param("maxId") Long maxId, @Param("sinceId") Long sinceId, @Param("limit") int limit);

    @Select("SELECT id, domain, created_at FROM email_domain_blocks WHERE id = #{id}")
    EmailDomain emailDomain(@Param("id") long id);

    @Select("INSERT INTO email_domain_blocks (domain) VALUES (#{domain}) ON CONFLICT (domain) DO NOTHING RETURNING id")
    Long insertEmailDomain(@Param("domain") String domain);

    @Delete("DELETE FROM email_domain_blocks WHERE id = #{id}")
    int deleteEmailDomain(@Param("id") long id);

    @Select({"<script>SELECT id, ip::text, severity, comment, expires_at, created_at FROM ip_blocks WHERE true",
            "<if test='maxId != null'>AND id &lt; #{maxId}</if>",
            "<if test='sinceId != null'>AND id &gt; #{sinceId}</if>",
            "ORDER BY id DESC LIMIT #{limit}</script>"})
    List<IpBlock> ipBlocks(@Param("maxId") Long maxId, @Param("sinceId") Long sinceId, @Param("limit") int limit);

    @Select("SELECT id, ip::text, severity, comment, expires_at, created_at FROM ip_blocks WHERE id = #{id}")
    IpBlock ipBlock(@Param("id") long id);

    @Select("INSERT INTO ip_blocks (ip, severity, comment, expires_at) VALUES (network(#{ip}::inet), #{severity}, #{comment},"
            + " #{expiresAt,jdbcType=TIMESTAMP_WITH_TIMEZONE}) RETURNING id")
    long insertIpBlock(@Param("ip") String ip, @Param("severity") String severity, @Param("comment") String comment,
                       @Param("expiresAt") Instant expiresAt);

    @Update("UPDATE ip_blocks SET ip = network(#{ip}::inet), severity = #{severity}, comment = #{comment},"
            + " expires_at = #{expiresAt,jdbcType=TIMESTAMP_WITH_TIMEZONE} WHERE id = #{id}")
    int updateIpBlock(@Param("id") long id, @Param("ip") String ip, @Param("severity") String severity,
                      @Param("comment") String comment, @Param("expiresAt") Instant expiresAt);

    /** Whether PostgreSQL reads {@code ip} as an address or network (it is the judge of what ::inet accepts). */
    @Select("SELECT #{ip}::inet IS NOT NULL")
    boolean validInet(@Param("ip") String ip);

    @Delete("DELETE FROM ip_blocks WHERE id = #{id}")
    int deleteIpBlock(@Param("id") long id);
}
