package social.herd.web.impl.filters;

import jakarta.ws.rs.Priorities;

/**
 * Order of the web bundle's filters ({@code @Priority}; lower runs earlier on the way in and later
 * on the way out). Authentication filters of other bundles that want per-account rate limits run
 * as {@code @PreMatching} at {@link Priorities#AUTHENTICATION}, between body limit and rate limit.
 */
final class FilterPriorities {

    static final int REQUEST_ID = 100;
    static final int HTTP_METRICS = 110;
    static final int CORS = 200;
    static final int BODY_LIMIT = 300;
    static final int RATE_LIMIT = Priorities.AUTHENTICATION + 500;

    private FilterPriorities() {
    }
}
