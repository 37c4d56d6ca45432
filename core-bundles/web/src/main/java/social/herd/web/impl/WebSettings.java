package social.herd.web.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web bundle's settings, read from ConfigAdmin PID {@value #PID}. Every key is optional; a
 * value that cannot be used is reported in one WARN line naming the key, and the default applies.
 *
 * @param maxBodyBytes    {@code max_body_bytes}: largest request body accepted (default 1 MiB)
 * @param maxUploadBytes  {@code max_upload_bytes}: largest {@code multipart/form-data} body, i.e.
 *                        file uploads such as avatars and media (default 40 MiB)
 * @param rateLimit       {@code rate_limit_requests}: requests per window per client (default 300)
 * @param rateLimitWindow {@code rate_limit_window_seconds}: window length (default 300 s)
 * @param trustedProxies  {@code trusted_proxies}: addresses or CIDR ranges whose
 *                        {@code X-Forwarded-For} is believed (default none)
 */
public record WebSettings(long maxBodyBytes, long maxUploadBytes, long rateLimit, Duration rateLimitWindow, List<String> trustedProxies) {

    /** ConfigAdmin PID. */
    public static final String PID = "social.herd.web";

    static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;
    static final long DEFAULT_MAX_UPLOAD_BYTES = 40L * 1_048_576;
    static final long DEFAULT_RATE_LIMIT = 300;
    static final long DEFAULT_RATE_WINDOW_SECONDS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(WebSettings.class);

    public WebSettings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The defaults (no configuration). */
    public static WebSettings defaults() {
        return from(Map.of());
    }

    /** Reads the settings from component properties; never throws. */
    public static WebSettings from(Map<String, ?> properties) {
        return new WebSettings(
                positiveLong(properties, "max_body_bytes", DEFAULT_MAX_BODY_BYTES),
                positiveLong(properties, "max_upload_bytes", DEFAULT_MAX_UPLOAD_BYTES),
                positiveLong(properties, "rate_limit_requests", DEFAULT_RATE_LIMIT),
                Duration.ofSeconds(positiveLong(properties, "rate_limit_window_seconds", DEFAULT_RATE_WINDOW_SECONDS)),
                strings(properties.get("trusted_proxies")));
    }

    private static long positiveLong(Map<String, ?> properties, String key, long defaultValue) {
        Object value = properties.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("Config {} key {}: expected a positive integer, got '{}'; using {}", PID, key, value, defaultValue);
        return defaultValue;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof String s) {
            for (String part : s.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        } else if (value instanceof String[] array) {
            for (String s : array) {
                out.addAll(strings(s));
            }
        } else if (value instanceof Collection<?> collection) {
            for (Object o : collection) {
                out.addAll(strings(o == null ? null : o.toString()));
            }
        } else {
            out.addAll(strings(value.toString()));
        }
        return out;
    }
}
