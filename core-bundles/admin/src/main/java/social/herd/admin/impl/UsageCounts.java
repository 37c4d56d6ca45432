package social.herd.admin.impl;

import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.Users;
import social.herd.api.federation.FederatedStatuses;

/**
 * The usage figures NodeInfo and the instance endpoints publish: users (total, active in 30 and
 * 180 days) from the accounts bundle and local posts from the statuses bundle. Counting scans
 * tables, and crawlers poll NodeInfo often, so the figures are kept for a minute. Either provider
 * may be absent (a stripped-down runtime); its figures are then 0.
 */
@Component(service = UsageCounts.class)
public final class UsageCounts {

    /** The published figures. */
    public record Figures(long users, long activeMonth, long activeHalfyear, long localPosts) {}

    private static final Duration KEEP = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(UsageCounts.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Users users;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FederatedStatuses statuses;

    private volatile Figures cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    public Figures figures() {
        if (cached != null && Instant.now().isBefore(cachedAt.plus(KEEP))) return cached;
        long total = 0, month = 0, half = 0, posts = 0;
        try {
            Users u = users;
            if (u != null) {
                Users.Usage usage = u.usage();
                total = usage.total();
                month = usage.activeMonth();
                half = usage.activeHalfyear();
            }
            FederatedStatuses s = statuses;
            if (s != null) posts = s.localPostCount();
        } catch (RuntimeException e) {
            LOG.warn("usage figures unavailable: {}", e.toString());
            return cached != null ? cached : new Figures(0, 0, 0, 0);
        }
        cached = new Figures(total, month, half, posts);
        cachedAt = Instant.now();
        return cached;
    }
}
