package social.herd.oauth.impl.token;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.kv.Cache;
import social.herd.api.kv.RateLimiter;
import social.herd.oauth.impl.OAuthConfig;
import social.herd.oauth.impl.OAuthErrors;

/**
 * Slows down guessing at {@code /oauth/token}: failed requests are counted per client address, and
 * once an address exceeds the limit it is refused with 429 before any credential is checked until
 * the window ends. Successful requests are not counted, so busy clients are not punished. When the
 * shared stores fail, requests are let through: Users.login throttles password guessing itself.
 */
final class TokenThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(TokenThrottle.class);

    private final RateLimiter limiter;
    private final Cache cache;
    private final long limit;
    private final Duration window;

    TokenThrottle(RateLimiter limiter, Cache cache, OAuthConfig config) {
        this.limiter = limiter;
        this.cache = cache;
        this.limit = config.tokenFailuresLimit();
        this.window = config.tokenFailuresWindow();
    }

    /** Refuses an address that is blocked. */
    void check(String clientAddress) {
        boolean blocked;
        try {
            blocked = cache.get(blockedKey(clientAddress)).isPresent();
        } catch (RuntimeException e) {
            LOG.debug("token throttle unavailable: {}", e.toString());
            return;
        }
        if (blocked) throw OAuthErrors.tooManyRequests();
    }

    /** Counts a failure; the one that exceeds the limit is answered 429 and blocks the address. */
    void failure(String clientAddress) {
        RateLimiter.Decision d;
        try {
            d = limiter.hit("oauth:token:failures:" + clientAddress, limit, window);
        } catch (RuntimeException e) {
            LOG.debug("token throttle unavailable: {}", e.toString());
            return;
        }
        if (d.allowed()) return;
        Duration rest = Duration.between(Instant.now(), d.resetAt());
        try {
            cache.put(blockedKey(clientAddress), "1", rest.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : rest);
        } catch (RuntimeException e) {
            LOG.debug("token throttle could not record a block: {}", e.toString());
        }
        LOG.warn("OAuth token requests throttled client={} failures_limit={} until={}", clientAddress, limit, d.resetAt());
        throw OAuthErrors.tooManyRequests();
    }

    private static String blockedKey(String clientAddress) {
        return "oauth:token:blocked:" + clientAddress;
    }
}
