package social.herd.federation.impl;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import social.herd.federation.impl.http.FetchSettings;

/**
 * Federation's configuration, PID {@value #PID} (written by the launcher from {@code herd.yaml}
 * {@code federation.*} and {@code HERD_FEDERATION_*}).
 *
 * @param fetch             what outgoing requests may reach and how long they may take
 * @param authorizedFetch   actors, objects and collections only for signed GETs (Mastodon's secure mode)
 * @param limited           limited federation: only {@code allowedDomains} may talk to us, and we to them
 * @param allowedDomains    the allow-list of limited federation
 * @param deliveryAttempts  attempts per delivery before it is given up: 80 by default, which with
 *                          the job engine's backoff (doubling, capped at an hour) spans about three days
 * @param unavailableAfter  a host failing this long is marked unavailable and skipped until it
 *                          contacts us or a delivery to it succeeds again
 * @param inboxRatePerMinute POSTs one remote server may make to our inboxes per minute
 * @param showDomainBlocks  who sees {@code /api/v1/instance/domain_blocks}: {@code all}, {@code users}
 *                          (signed in, the default, as Mastodon's) or {@code disabled}
 */
public record FederationSettings(FetchSettings fetch, boolean authorizedFetch, boolean limited,
                                 Set<String> allowedDomains, int deliveryAttempts, Duration unavailableAfter,
                                 long inboxRatePerMinute, String showDomainBlocks) {

    public static final String PID = "social.herd.federation";

    public static FederationSettings defaults() {
        return new FederationSettings(FetchSettings.defaults(), false, false, Set.of(), 80, Duration.ofDays(7), 30_000, "users");
    }

    /** Reads the ConfigAdmin properties; unset keys keep their defaults. */
    public static FederationSettings from(Map<String, Object> p) {
        FetchSettings fetch = FetchSettings.defaults()
                .withAllowPrivate(bool(p.get("allow_private")))
                .withAllowedHosts(list(p.get("allowed_hosts")));
        Object timeout = p.get("request_timeout_seconds");
        if (timeout != null) fetch = fetch.withRequestTimeout(Duration.ofSeconds(Long.parseLong(timeout.toString())));
        Object attempts = p.get("delivery_attempts");
        Object inboxRate = p.get("inbox_rate_per_minute");
        Object show = p.get("show_domain_blocks");
        return new FederationSettings(fetch, bool(p.get("authorized_fetch")), bool(p.get("limited")),
                list(p.get("allowed_domains")), attempts == null ? 80 : Integer.parseInt(attempts.toString()),
                Duration.ofDays(7), inboxRate == null ? 30_000 : Long.parseLong(inboxRate.toString()),
                show == null || !Set.of("all", "users", "disabled").contains(show.toString().strip()) ? "users" : show.toString().strip());
    }

    /** Whether {@code domain} may federate with us at all under limited federation. */
    public boolean permits(String domain) {
        if (!limited) return true;
        String d = domain.toLowerCase(Locale.ROOT);
        return allowedDomains.stream().anyMatch(a -> d.equals(a) || d.endsWith("." + a));
    }

    private static boolean bool(Object v) {
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString().strip());
    }

    private static Set<String> list(Object v) {
        if (v == null) return Set.of();
        Object[] items = v instanceof String[] a ? a : v instanceof Object[] o ? o : v.toString().split(",");
        return Arrays.stream(items).map(o -> o.toString().strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
