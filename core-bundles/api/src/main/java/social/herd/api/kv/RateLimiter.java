package social.herd.api.kv;

import java.time.Duration;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Fixed-window request counters shared by the cluster. When the shared store is unavailable the
 * limiter falls back to counting on this node, so limits stay enforced (per node) and requests
 * keep being answered.
 */
@ProviderType
public interface RateLimiter {

    /**
     * Counts one hit on {@code bucket} and says whether it is within {@code limit} per {@code window}.
     */
    Decision hit(String bucket, long limit, Duration window);

    /**
     * The outcome of one hit.
     *
     * @param allowed   whether the hit is within the limit
     * @param limit     the limit applied
     * @param remaining hits left in this window (0 when refused)
     * @param resetAt   when the current window ends
     */
    record Decision(boolean allowed, long limit, long remaining, Instant resetAt) {}
}
