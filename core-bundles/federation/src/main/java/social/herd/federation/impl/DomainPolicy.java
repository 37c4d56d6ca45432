package social.herd.federation.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.federation.impl.db.DomainAdminMapper;
import social.herd.federation.impl.db.DomainBlockMapper;
import social.herd.federation.impl.db.DomainBlockRow;

/**
 * Which remote domains may federate with us, in both directions: instance domain blocks
 * ({@code suspend} refuses everything, {@code reject_media} drops attachments) and limited
 * federation's allow-list. A block covers subdomains too, as in Mastodon. The table is small and
 * read on every inbox request, so it is cached for a few seconds per node.
 */
@Component(service = DomainPolicy.class)
public final class DomainPolicy {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final Database db;
    private final FederationRuntime runtime;
    private volatile Map<String, DomainBlockRow> blocks = Map.of();
    private volatile Set<String> allows = Set.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    @Activate
    public DomainPolicy(@Reference Database db, @Reference FederationRuntime runtime) {
        this.db = db;
        this.runtime = runtime;
    }

    /** Whether nothing may come from or go to {@code host} (suspended, or outside the allow-list). */
    public boolean refused(String host) {
        if (host == null) return true;
        String domain = domainOf(host);
        if (!runtime.settings().permits(domain) && !allowed(domain)) return true;
        DomainBlockRow b = block(domain);
        return b != null && "suspend".equals(b.severity());
    }

    /** Whether {@code host} is silenced (limited): its public posts are kept off the public timelines. */
    public boolean silenced(String host) {
        DomainBlockRow b = host == null ? null : block(domainOf(host));
        return b != null && "silence".equals(b.severity());
    }

    /** Forgets the cached blocks and allows: after an admin change, this node applies it at once. */
    public void changed() {
        loadedAt = Instant.EPOCH;
    }

    /** Whether media from {@code host} is dropped. */
    public boolean rejectsMedia(String host) {
        DomainBlockRow b = block(domainOf(host));
        return b != null && (b.rejectMedia() || "suspend".equals(b.severity()));
    }

    /** Whether reports (Flag) from {@code host} are ignored. */
    public boolean rejectsReports(String host) {
        DomainBlockRow b = block(domainOf(host));
        return b != null && b.rejectReports();
    }

    /** Adds or changes a block (the admin API and tests use it); effective on this node at once. */
    public void block(String domain, String severity, boolean rejectMedia) {
        db.transaction(tx -> tx.mapper(DomainBlockMapper.class).upsert(domain, severity, rejectMedia));
        loadedAt = Instant.EPOCH;
    }

    private DomainBlockRow block(String domain) {
        Map<String, DomainBlockRow> all = current();
        for (String d = domain; d != null; d = parent(d)) {
            DomainBlockRow b = all.get(d);
            if (b != null) return b;
        }
        return null;
    }

    private Map<String, DomainBlockRow> current() {
        if (Instant.now().isAfter(loadedAt.plus(TTL))) {
            blocks = db.read(tx -> tx.mapper(DomainBlockMapper.class).all()).stream()
                    .collect(Collectors.toUnmodifiableMap(DomainBlockRow::domain, Function.identity(), (a, b) -> a));
            // only limited federation reads the allow-list; it is tiny
            allows = runtime.settings().limited()
                    ? Set.copyOf(db.read(tx -> tx.mapper(DomainAdminMapper.class).allowedDomains())) : Set.of();
            loadedAt = Instant.now();
        }
        return blocks;
    }

    /** Whether {@code domain} (or a parent) was allowed through the admin API. */
    private boolean allowed(String domain) {
        current();
        Set<String> a = allows;
        for (String d = domain; d != null; d = parent(d)) if (a.contains(d)) return true;
        return false;
    }

    /** The domain part of a host with an optional port ("example.com:8443" → "example.com:8443" kept whole). */
    static String domainOf(String host) {
        return host.toLowerCase(Locale.ROOT);
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 || dot == domain.length() - 1 ? null : domain.substring(dot + 1);
    }
}
