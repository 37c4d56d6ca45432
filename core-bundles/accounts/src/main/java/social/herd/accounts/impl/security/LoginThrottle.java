package social.herd.accounts.impl.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import social.herd.api.kv.Cache;
import social.herd.api.kv.RateLimiter;

/**
 * Limits password guessing: every attempt counts against the client address (25 per 5 minutes);
 * failures count against the login name typed and against the account (5 per 5 minutes). The
 * limiter can only count, so a login or account that used up its failures is marked locked in the
 * cache until its window ends. Keys hold hashes, never the e-mail address itself. Unknown login
 * names are locked the same way as known ones, so locking does not reveal who is registered.
 */
public final class LoginThrottle {

    static final long ADDRESS_LIMIT = 25;
    static final long FAILURE_LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final RateLimiter limiter;
    private final Cache cache;

    public LoginThrottle(RateLimiter limiter, Cache cache) {
        this.limiter = limiter;
        this.cache = cache;
    }

    /** Counts one attempt from {@code address}; false when that address is over its limit. */
    public boolean attemptAllowed(String address) {
        return limiter.hit("login:addr:" + (address == null ? "unknown" : address), ADDRESS_LIMIT, WINDOW).allowed();
    }

    /** True when the login name or the account is locked after too many failures. */
    public boolean locked(String login, Long userId) {
        if (cache.get(lockKey(loginKey(login))).isPresent()) return true;
        return userId != null && cache.get(lockKey("user:" + userId)).isPresent();
    }

    /**
     * Records a failed attempt.
     *
     * @return true when this failure locked the login name or account
     */
    public boolean failed(String login, Long userId) {
        boolean locked = count(loginKey(login));
        if (userId != null) locked |= count("user:" + userId);
        return locked;
    }

    private boolean count(String key) {
        RateLimiter.Decision d = limiter.hit("login:fail:" + key, FAILURE_LIMIT, WINDOW);
        if (d.allowed() && d.remaining() > 0) return false;
        Duration left = Duration.between(Instant.now(), d.resetAt());
        cache.put(lockKey(key), "1", left.isNegative() || left.isZero() ? WINDOW : left);
        return true;
    }

    private static String loginKey(String login) {
        return "login:" + SecretTokens.hash(login == null ? "" : login.trim().toLowerCase(Locale.ROOT));
    }

    private static String lockKey(String key) {
        return "login:locked:" + key;
    }
}
