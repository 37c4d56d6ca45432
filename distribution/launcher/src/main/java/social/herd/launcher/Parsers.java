package social.herd.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks for configuration values; each message completes a sentence that starts with the key. */
final class Parsers {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");

    private Parsers() {}

    static Setting.Parser integer(int min, int max) {
        return raw -> {
            try {
                int v = Integer.parseInt(raw.trim());
                if (v < min || v > max) throw new NumberFormatException();
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
            }
        };
    }

    static Setting.Parser oneOf(String... choices) {
        return raw -> {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            if (!Arrays.asList(choices).contains(v)) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", choices));
            }
            return v;
        };
    }

    /**
     * A comma-separated list of {@code choices} (at least one, no repeats), normalised to lower case
     * without spaces: {@code worker, streaming} becomes {@code worker,streaming}.
     */
    static Setting.Parser listOf(String... choices) {
        return raw -> {
            java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
            for (String part : raw.split(",")) {
                String v = part.trim().toLowerCase(Locale.ROOT);
                if (v.isEmpty()) continue;
                if (!Arrays.asList(choices).contains(v)) {
                    throw new IllegalArgumentException("must be one or more of " + String.join(", ", choices) + ", separated by commas");
                }
                out.add(v);
            }
            if (out.isEmpty()) throw new IllegalArgumentException("must name at least one of " + String.join(", ", choices));
            return String.join(",", out);
        };
    }

    static Object text(String raw) {
        return raw.trim();
    }

    /** An http(s) URL with a host and nothing after it but an optional port; trailing slash dropped. */
    static Object publicUrl(String raw) {
        try {
            URI u = new URI(raw.trim());
            boolean http = "http".equals(u.getScheme()) || "https".equals(u.getScheme());
            boolean bare = (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/"))
                    && u.getQuery() == null && u.getFragment() == null && u.getUserInfo() == null;
            if (!http || u.getHost() == null || !bare) throw new URISyntaxException(raw, "shape");
            String s = u.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http or https URL with no path, like https://social.example.com");
        }
    }

    /** An http(s) URL (a path is allowed, e.g. a CDN prefix); trailing slashes dropped. */
    static Object httpUrl(String raw) {
        try {
            URI u = new URI(raw.trim());
            boolean http = "http".equals(u.getScheme()) || "https".equals(u.getScheme());
            if (!http || u.getHost() == null || u.getUserInfo() != null) throw new URISyntaxException(raw, "shape");
            return u.toString().replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http or https URL, like https://s3.example.com");
        }
    }

    /** A domain with an optional port, as used in handles ({@code @user@example.com}). */
    static Object domain(String raw) {
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(v).matches()) {
            throw new IllegalArgumentException("must be a domain name, optionally with :port, like example.com");
        }
        return v;
    }

    /** A listen address: an IP literal or a host name. */
    static Object bindAddress(String raw) {
        String v = raw.trim();
        if (!(HOST.matcher(v).matches() && !v.contains(":")) && !v.matches("[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException("must be an IP address or host name, like 127.0.0.1 or 0.0.0.0");
        }
        return v;
    }

    /** A PostgreSQL JDBC URL; {@code postgres://} and {@code postgresql://} URLs are accepted and converted. */
    static Object jdbcUrl(String raw) {
        String v = raw.trim();
        if (v.startsWith("postgres://")) v = "jdbc:postgresql://" + v.substring("postgres://".length());
        else if (v.startsWith("postgresql://")) v = "jdbc:postgresql://" + v.substring("postgresql://".length());
        if (!v.startsWith("jdbc:postgresql://") || v.length() <= "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException("must be a PostgreSQL URL like jdbc:postgresql://db.example.com:5432/herd");
        }
        return v;
    }

    /** A Redis URL: redis:// or rediss:// with a host. */
    static Object redisUrl(String raw) {
        String v = raw.trim();
        try {
            URI u = new URI(v);
            if (!("redis".equals(u.getScheme()) || "rediss".equals(u.getScheme())) || u.getHost() == null) {
                throw new URISyntaxException(v, "shape");
            }
            return v;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be a Redis URL like redis://127.0.0.1:6379 or rediss://user:pass@host:6380/0");
        }
    }

    static Object logLevel(String raw) {
        return oneOf("trace", "debug", "info", "warn", "error", "off").parse(raw).toString().toUpperCase(Locale.ROOT);
    }
}
