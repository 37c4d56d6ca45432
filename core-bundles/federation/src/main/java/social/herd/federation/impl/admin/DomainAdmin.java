package social.herd.federation.impl.admin;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.federation.impl.DomainPolicy;
import social.herd.federation.impl.db.DomainAdminMapper;
import social.herd.federation.impl.db.DomainAdminMapper.Allow;
import social.herd.federation.impl.db.DomainAdminMapper.Block;
import social.herd.web.api.ApiException;
import social.herd.web.api.PageRequest;

/**
 * Domain blocks and allows as admins change them (API and CLI): validated, written in one
 * transaction, and applied on this node at once (other nodes within the policy's few seconds of
 * cache). Suspending a domain refuses its deliveries and fetches; silencing keeps its public posts
 * off the public timelines; reject_media and reject_reports drop its attachments and reports.
 */
@Component(service = DomainAdmin.class)
public final class DomainAdmin {

    static final Set<String> SEVERITIES = Set.of("silence", "suspend", "noop");
    private static final Logger LOG = LoggerFactory.getLogger(DomainAdmin.class);

    /** What an admin asks for; null fields keep their current (or default) value. */
    public record BlockRequest(String domain, String severity, Boolean rejectMedia, Boolean rejectReports,
                               String privateComment, String publicComment, Boolean obfuscate) {}

    private final Database db;
    private final DomainPolicy policy;

    @Activate
    public DomainAdmin(@Reference Database db, @Reference DomainPolicy policy,
                       @Reference(target = "(herd.schema=social.herd.federation)") SchemaReady schema) {
        this.db = db;
        this.policy = policy;
    }

    public List<Block> blocks(PageRequest page) {
        return page.newestFirst(db.read(tx -> tx.mapper(DomainAdminMapper.class)
                .blocks(page.maxId(), page.sinceId(), page.minId(), page.limit())));
    }

    public List<Block> allBlocks() {
        return db.read(tx -> tx.mapper(DomainAdminMapper.class).allBlocks());
    }

    public Block block(long id) {
        Block b = db.read(tx -> tx.mapper(DomainAdminMapper.class).block(id));
        if (b == null) throw ApiException.notFound();
        return b;
    }

    /** A new block; 422 for a bad domain or severity, a domain already blocked, or one a stricter block covers. */
    public Block create(BlockRequest in) {
        String domain = DomainNames.normalise(in.domain());
        String severity = severity(in.severity(), "silence");
        Block created = db.transaction(tx -> {
            DomainAdminMapper m = tx.mapper(DomainAdminMapper.class);
            if (m.blockByDomain(domain) != null) throw ApiException.unprocessable("Validation failed: Domain has already been taken");
            for (String parent = parent(domain); parent != null; parent = parent(parent)) {
                Block p = m.blockByDomain(parent);
                if (p != null && rank(p.severity()) >= rank(severity)) {
                    throw ApiException.unprocessable("Validation failed: " + domain + " is already covered by the block of " + parent);
                }
            }
            Block b = new Block(0, domain, severity, bool(in.rejectMedia()), bool(in.rejectReports()), text(in.privateComment()),
                    text(in.publicComment()), bool(in.obfuscate()), Instant.now());
            Long id = m.insertBlock(b);
            if (id == null) throw ApiException.unprocessable("Validation failed: Domain has already been taken");
            return m.block(id);
        });
        policy.changed();
        LOG.info("domain blocked domain={} severity={} reject_media={} reject_reports={}", domain, severity,
                created.rejectMedia(), created.rejectReports());
        return created;
    }

    /** Changes a block; the domain itself cannot change. */
    public Block update(long id, BlockRequest in) {
        Block updated = db.transaction(tx -> {
            DomainAdminMapper m = tx.mapper(DomainAdminMapper.class);
            Block b = m.block(id);
            if (b == null) throw ApiException.notFound();
            Block next = new Block(id, b.domain(), severity(in.severity(), b.severity()),
                    in.rejectMedia() == null ? b.rejectMedia() : in.rejectMedia(),
                    in.rejectReports() == null ? b.rejectReports() : in.rejectReports(),
                    in.privateComment() == null ? b.privateComment() : text(in.privateComment()),
                    in.publicComment() == null ? b.publicComment() : text(in.publicComment()),
                    in.obfuscate() == null ? b.obfuscate() : in.obfuscate(), b.createdAt());
            m.updateBlock(next);
            return m.block(id);
        });
        policy.changed();
        LOG.info("domain block changed domain={} severity={}", updated.domain(), updated.severity());
        return updated;
    }

    public void delete(long id) {
        Block b = block(id);
        db.transaction(tx -> tx.mapper(DomainAdminMapper.class).deleteBlock(id));
        policy.changed();
        LOG.info("domain unblocked domain={}", b.domain());
    }

    /** The block of exactly {@code domain}, for the CLI. */
    public Block byDomain(String domain) {
        Block b = db.read(tx -> tx.mapper(DomainAdminMapper.class).blockByDomain(DomainNames.normalise(domain)));
        if (b == null) throw ApiException.notFound();
        return b;
    }

    public List<Allow> allows(PageRequest page) {
        return page.newestFirst(db.read(tx -> tx.mapper(DomainAdminMapper.class)
                .allows(page.maxId(), page.sinceId(), page.minId(), page.limit())));
    }

    public Allow allow(long id) {
        Allow a = db.read(tx -> tx.mapper(DomainAdminMapper.class).allow(id));
        if (a == null) throw ApiException.notFound();
        return a;
    }

    public Allow createAllow(String domain) {
        String d = DomainNames.normalise(domain);
        Allow a = db.transaction(tx -> tx.mapper(DomainAdminMapper.class).allow(tx.mapper(DomainAdminMapper.class).insertAllow(d)));
        policy.changed();
        LOG.info("domain allowed domain={}", d);
        return a;
    }

    public void deleteAllow(long id) {
        Allow a = allow(id);
        db.transaction(tx -> tx.mapper(DomainAdminMapper.class).deleteAllow(id));
        policy.changed();
        LOG.info("domain no longer allowed domain={}", a.domain());
    }

    private static String severity(String value, String fallback) {
        if (value == null || value.isBlank()) return fallback;
        String s = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!SEVERITIES.contains(s)) throw ApiException.unprocessable("Validation failed: Severity must be silence, suspend or noop");
        return s;
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "suspend" -> 2;
            case "silence" -> 1;
            default -> 0;
        };
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 || domain.indexOf('.', dot + 1) < 0 ? null : domain.substring(dot + 1);
    }

    private static boolean bool(Boolean b) {
        return b != null && b;
    }

    private static String text(String s) {
        if (s == null || s.isBlank()) return null;
        if (s.length() > 5_000) throw ApiException.unprocessable("Validation failed: comment is too long");
        return s.strip();
    }
}
