package social.herd.federation.impl.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Limits of outgoing federation requests.
 *
 * @param allowPrivate allow internal addresses at all (HERD_FEDERATION_ALLOW_PRIVATE=true; for
 *     closed test networks only)
 * @param allowedHosts host names (lower case) that may be internal, e.g. a test server
 * @param maxBodyBytes the largest response body read
 * @param maxRedirects redirects followed for GET; each hop is checked again
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout time until the response headers arrive, and again for reading the body
 */
public record FetchSettings(boolean allowPrivate, Set<String> allowedHosts, long maxBodyBytes, int maxRedirects,
        Duration connectTimeout, Duration requestTimeout) {
    /** 1 MiB covers any actor or activity; media goes through the media bundle, not here. */
    public static final long DEFAULT_MAX_BODY = 1 << 20;

    public FetchSettings {
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Defaults: nothing internal, 1 MiB, 3 redirects, 5 s connect, 10 s response. */
    public static FetchSettings defaults() {
        return new FetchSettings(false, Set.of(), DEFAULT_MAX_BODY, 3, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** Defaults, with allowPrivate from HERD_FEDERATION_ALLOW_PRIVATE. */
    public static FetchSettings fromEnvironment() {
        return defaults().withAllowPrivate("true".equalsIgnoreCase(System.getenv("HERD_FEDERATION_ALLOW_PRIVATE")));
    }

    public FetchSettings withAllowPrivate(boolean allow) {
        return new FetchSettings(allow, allowedHosts, maxBodyBytes, maxRedirects, connectTimeout, requestTimeout);
    }

    public FetchSettings withAllowedHosts(Set<String> hosts) {
        return new FetchSettings(allowPrivate, hosts, maxBodyBytes, maxRedirects, connectTimeout, requestTimeout);
    }

    public FetchSettings withMaxBodyBytes(long max) {
        return new FetchSettings(allowPrivate, allowedHosts, max, maxRedirects, connectTimeout, requestTimeout);
    }

    public FetchSettings withMaxRedirects(int max) {
        return new FetchSettings(allowPrivate, allowedHosts, maxBodyBytes, max, connectTimeout, requestTimeout);
    }

    public FetchSettings withRequestTimeout(Duration d) {
        return new FetchSettings(allowPrivate, allowedHosts, maxBodyBytes, maxRedirects, connectTimeout, d);
    }
}
