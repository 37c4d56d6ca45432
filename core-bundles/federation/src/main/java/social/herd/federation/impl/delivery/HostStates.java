package social.herd.federation.impl.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.federation.FailingHosts;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.db.HostMapper;
import social.herd.federation.impl.db.HostRow;

/**
 * What we know about each remote host: the signature scheme it accepts (learned from a 401 and
 * kept in the database so every node and every restart knows it), a per-node circuit breaker
 * (after {@value #TRIP_AFTER} failures in a row, deliveries fail fast for a while instead of
 * tying up workers on timeouts), and the cluster-wide failure streak that marks a host unavailable
 * after a week. A success, or the host contacting our inbox, revives it.
 */
@Component(service = {HostStates.class, FailingHosts.class})
public final class HostStates implements FailingHosts {

    public enum Scheme { CAVAGE, RFC9421 }

    static final int TRIP_AFTER = 5;
    private static final Duration OPEN_FOR = Duration.ofSeconds(60);
    private static final Duration CACHE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(HostStates.class);

    private record Cached(HostRow row, Instant loadedAt) {}

    private record Breaker(int failures, Instant openUntil) {}

    private final Database db;
    private final Duration unavailableAfter;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Breaker> breakers = new ConcurrentHashMap<>();

    /** Failed deliveries per receiving host, for the dashboard; only hosts that fail get a series. */
    private final social.herd.api.metrics.Metrics.Counter failures;

    @Activate
    public HostStates(@Reference Database db, @Reference FederationRuntime runtime,
                      @Reference social.herd.api.metrics.Metrics metrics) {
        this.db = db;
        this.unavailableAfter = runtime.settings().unavailableAfter();
        this.failures = metrics.counter("herd_federation_delivery_failures_total",
                "Deliveries that failed (unreachable, timeout, 5xx), by receiving host.", "host");
    }

    public Scheme scheme(String host) {
        HostRow r = row(host);
        return r != null && "rfc9421".equals(r.scheme()) ? Scheme.RFC9421 : Scheme.CAVAGE;
    }

    /** Remembers that {@code host} accepts {@code scheme} (after it refused the other with 401). */
    public void remember(String host, Scheme scheme) {
        String h = key(host);
        db.transaction(tx -> tx.mapper(HostMapper.class).setScheme(h, scheme == Scheme.RFC9421 ? "rfc9421" : "cavage"));
        cache.remove(h);
        LOG.info("federation host={} signature_scheme={}", h, scheme);
    }

    @Override
    public java.util.List<FailingHost> failing(int limit) {
        return db.read(tx -> tx.mapper(HostMapper.class).failing(Math.max(1, Math.min(limit, 100)))).stream()
                .map(r -> new FailingHost(r.host(), r.failures(), r.failingSince(), r.unavailableSince() != null)).toList();
    }

    /** Whether deliveries to {@code host} are skipped (marked unavailable after a week of failures). */
    public boolean unavailable(String host) {
        HostRow r = row(host);
        return r != null && r.unavailableSince() != null;
    }

    /** Whether this node's breaker for {@code host} is open (fail fast, retry later). */
    public boolean open(String host) {
        Breaker b = breakers.get(key(host));
        return b != null && b.openUntil() != null && Instant.now().isBefore(b.openUntil());
    }

    public void succeeded(String host) {
        String h = key(host);
        Breaker old = breakers.remove(h);
        HostRow r = row(h);
        // a write per delivery would be the hot path's cost: only a failing or unknown host changes state
        if (old != null || r == null || r.failures() > 0 || r.unavailableSince() != null) {
            db.transaction(tx -> tx.mapper(HostMapper.class).succeeded(h, Instant.now()));
            cache.remove(h);
            if (r != null && r.unavailableSince() != null) LOG.info("federation host={} available again", h);
        }
    }

    /** Counts a failure; trips the breaker and, after a week of failing, marks the host unavailable. */
    public void failed(String host) {
        String h = key(host);
        failures.inc(h);
        Instant now = Instant.now();
        breakers.compute(h, (k, b) -> {
            int n = b == null ? 1 : b.failures() + 1;
            return new Breaker(n, n >= TRIP_AFTER ? now.plus(OPEN_FOR) : null);
        });
        db.transaction(tx -> {
            HostMapper m = tx.mapper(HostMapper.class);
            m.failed(h, now);
            HostRow r = m.find(h);
            if (r != null && r.failingSince() != null && r.failingSince().isBefore(now.minus(unavailableAfter))
                    && m.markUnavailable(h, now) > 0) {
                LOG.warn("federation host={} marked unavailable after failing since {}", h, r.failingSince());
            }
            return null;
        });
        cache.remove(h);
    }

    private HostRow row(String host) {
        String h = key(host);
        Cached c = cache.get(h);
        if (c == null || Instant.now().isAfter(c.loadedAt().plus(CACHE))) {
            HostRow r = db.read(tx -> tx.mapper(HostMapper.class).find(h));
            c = new Cached(r, Instant.now());
            cache.put(h, c);
        }
        return c.row();
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
