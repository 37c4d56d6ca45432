package social.herd.accounts.impl.admin;

import java.net.IDN;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.web.api.ApiException;

/**
 * Who may not sign up: e-mail domains (and their subdomains) and IP ranges, as Mastodon's admin
 * e-mail domain blocks and IP blocks. Sign-up asks {@link #check}; admins manage the lists.
 * {@code no_access} refuses sign-ups like {@code sign_up_block} (blocking every request from an
 * address is left to the reverse proxy).
 */
@Component(service = SignUpBlocks.class)
public final class SignUpBlocks {

    static final Set<String> SEVERITIES = Set.of("sign_up_requires_approval", "sign_up_block", "no_access");
    private static final Logger LOG = LoggerFactory.getLogger(SignUpBlocks.class);
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F:.]{2,45}(/[0-9]{1,3})?");

    /** What applies to one sign-up. */
    public record Verdict(boolean emailBlocked, boolean refused, boolean needsApproval) {}

    private final Database db;

    @Activate
    public SignUpBlocks(@Reference Database db, @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this.db = db;
    }

    /** For tests and the sign-up service's own transaction. */
    public static Verdict check(Tx tx, String email, String address) {
        SignUpBlockMapper m = tx.mapper(SignUpBlockMapper.class);
        int at = email == null ? -1 : email.lastIndexOf('@');
        boolean emailBlocked = at > 0 && m.emailDomainBlocked(email.substring(at + 1).strip().toLowerCase(Locale.ROOT));
        List<String> severities = address == null || address.isBlank() || !ADDRESS.matcher(address).matches()
                ? List.of() : m.ipSeverities(address);
        return new Verdict(emailBlocked, severities.contains("sign_up_block") || severities.contains("no_access"),
                severities.contains("sign_up_requires_approval"));
    }

    public Verdict check(String email, String address) {
        return db.read(tx -> check(tx, email, address));
    }

    public List<SignUpBlockMapper.EmailDomain> emailDomains(Long maxId, Long sinceId, int limit) {
        return db.read(tx -> tx.mapper(SignUpBlockMapper.class).emailDomains(maxId, sinceId, limit));
    }

    public SignUpBlockMapper.EmailDomain emailDomain(long id) {
        SignUpBlockMapper.EmailDomain d = db.read(tx -> tx.mapper(SignUpBlockMapper.class).emailDomain(id));
        if (d == null) throw ApiException.notFound();
        return d;
    }

    public SignUpBlockMapper.EmailDomain blockEmailDomain(String input) {
        if (input == null || input.isBlank()) throw ApiException.unprocessable("Validation failed: Domain can't be blank");
        String domain;
        try {
            domain = IDN.toASCII(input.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", ""), IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("Validation failed: Domain is invalid");
        }
        if (!DOMAIN.matcher(domain).matches()) throw ApiException.unprocessable("Validation failed: Domain is invalid");
        Long id = db.transaction(tx -> tx.mapper(SignUpBlockMapper.class).insertEmailDomain(domain));
        if (id == null) throw ApiException.unprocessable("Validation failed: Domain has already been taken");
        LOG.info("e-mail domain blocked domain={}", domain);
        return emailDomain(id);
    }

    public void unblockEmailDomain(long id) {
        SignUpBlockMapper.EmailDomain d = emailDomain(id);
        db.transaction(tx -> tx.mapper(SignUpBlockMapper.class).deleteEmailDomain(id));
        LOG.info("e-mail domain unblocked domain={}", d.domain());
    }

    public List<SignUpBlockMapper.IpBlock> ipBlocks(Long maxId, Long sinceId, int limit) {
        return db.read(tx -> tx.mapper(SignUpBlockMapper.class).ipBlocks(maxId, sinceId, limit));
    }

    public SignUpBlockMapper.IpBlock ipBlock(long id) {
        SignUpBlockMapper.IpBlock b = db.read(tx -> tx.mapper(SignUpBlockMapper.class).ipBlock(id));
        if (b == null) throw ApiException.notFound();
        return b;
    }

    /** A new IP block; {@code expiresIn} seconds from now, or null for never. */
    public SignUpBlockMapper.IpBlock blockIp(String ip, String severity, String comment, Long expiresIn) {
        String address = address(ip);
        String s = severity(severity);
        long id = db.transaction(tx -> tx.mapper(SignUpBlockMapper.class).insertIpBlock(address, s, text(comment), expiry(expiresIn)));
        LOG.info("ip blocked ip={} severity={}", address, s);
        return ipBlock(id);
    }

    public SignUpBlockMapper.IpBlock updateIp(long id, String ip, String severity, String comment, Long expiresIn) {
        SignUpBlockMapper.IpBlock b = ipBlock(id);
        String address = ip == null ? b.ip() : address(ip);
        String s = severity == null ? b.severity() : severity(severity);
        String c = comment == null ? b.comment() : text(comment);
        Instant expires = expiresIn == null ? b.expiresAt() : expiry(expiresIn);
        db.transaction(tx -> tx.mapper(SignUpBlockMapper.class).updateIpBlock(id, address, s, c, expires));
        return ipBlock(id);
    }

    public void unblockIp(long id) {
        SignUpBlockMapper.IpBlock b = ipBlock(id);
        db.transaction(tx -> tx.mapper(SignUpBlockMapper.class).deleteIpBlock(id));
        LOG.info("ip unblocked ip={}", b.ip());
    }

    private String address(String ip) {
        String a = ip == null ? "" : ip.strip();
        if (!ADDRESS.matcher(a).matches()) throw ApiException.unprocessable("Validation failed: Ip is invalid");
        try {
            db.read(tx -> tx.mapper(SignUpBlockMapper.class).validInet(a));
        } catch (RuntimeException e) {
            throw ApiException.unprocessable("Validation failed: Ip is invalid");
        }
        return a;
    }

    private static String severity(String s) {
        if (s == null || !SEVERITIES.contains(s.strip())) {
            throw ApiException.unprocessable("Validation failed: Severity must be sign_up_requires_approval, sign_up_block or no_access");
        }
        return s.strip();
    }

    private static Instant expiry(Long seconds) {
        if (seconds == null) return null;
        if (seconds < 1) throw ApiException.unprocessable("Validation failed: expires_in must be positive");
        return Instant.now().plusSeconds(seconds);
    }

    private static String text(String s) {
        if (s == null) return "";
        if (s.length() > 2_000) throw ApiException.unprocessable("Validation failed: Comment is too long");
        return s.strip();
    }
}
