package social.herd.oauth.impl;

import java.time.Duration;

/**
 * {@link OAuthSettings} as plain values, so components can also be built outside OSGi (tests).
 * Out-of-range values fall back to the defaults rather than breaking token checks.
 */
public record OAuthConfig(Duration tokenCacheTtl, int tokenCacheSize, int tokenFailuresLimit,
                          Duration tokenFailuresWindow, int codeLifetimeSeconds) {

    /** The defaults of {@link OAuthSettings}. */
    public static OAuthConfig defaults() {
        return new OAuthConfig(Duration.ofSeconds(30), 10_000, 30, Duration.ofMinutes(5), 600);
    }

    /** From ConfigAdmin (PID {@value OAuthSettings#PID}). */
    public static OAuthConfig from(OAuthSettings s) {
        OAuthConfig d = defaults();
        if (s == null) return d;
        return new OAuthConfig(
                s.token_cache_seconds() >= 0 ? Duration.ofSeconds(s.token_cache_seconds()) : d.tokenCacheTtl(),
                s.token_cache_size() > 0 ? s.token_cache_size() : d.tokenCacheSize(),
                s.token_failures_limit() > 0 ? s.token_failures_limit() : d.tokenFailuresLimit(),
                s.token_failures_window_seconds() > 0 ? Duration.ofSeconds(s.token_failures_window_seconds())
                        : d.tokenFailuresWindow(),
                s.code_lifetime_seconds() > 0 ? s.code_lifetime_seconds() : d.codeLifetimeSeconds());
    }
}
