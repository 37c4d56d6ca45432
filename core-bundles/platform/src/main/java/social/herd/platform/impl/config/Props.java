package social.herd.platform.impl.config;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads typed values out of ConfigAdmin properties. The launcher validates configuration before
 * the framework starts, so a bad value here means someone edited a PID at runtime: we log one line
 * naming the key and fall back to the default rather than taking the component down.
 */
public final class Props {

    private static final Logger LOG = LoggerFactory.getLogger(Props.class);

    private final String pid;
    private final Map<String, ?> values;

    public Props(String pid, Map<String, ?> values) {
        this.pid = pid;
        this.values = values == null ? Map.of() : values;
    }

    /** The trimmed string value of {@code key}, or {@code fallback} when absent or blank. */
    public String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? fallback : s;
    }

    /** The integer value of {@code key} within [min, max], or {@code fallback}. */
    public int integer(String key, int fallback, int min, int max) {
        Object v = values.get(key);
        if (v == null || String.valueOf(v).isBlank()) return fallback;
        try {
            long n = v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).trim());
            if (n < min || n > max) {
                LOG.warn("config {} key {}={} outside [{}, {}], using {}", pid, key, n, min, max, fallback);
                return fallback;
            }
            return (int) n;
        } catch (NumberFormatException e) {
            LOG.warn("config {} key {} is not a number, using {}", pid, key, fallback);
            return fallback;
        }
    }

    /** The enum constant named by {@code key} (case-insensitive), or {@code fallback}. */
    public <E extends Enum<E>> E choice(String key, E fallback) {
        String s = string(key, null);
        if (s == null) return fallback;
        try {
            return Enum.valueOf(fallback.getDeclaringClass(), s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.warn("config {} key {} has unknown value '{}', using {}", pid, key, s,
                    fallback.name().toLowerCase(java.util.Locale.ROOT));
            return fallback;
        }
    }
}
