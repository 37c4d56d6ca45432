package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tolerant accessors over compacted ActivityStreams JSON.
 *
 * <p>Servers disagree on shapes that JSON-LD considers equivalent: a single value where an array is
 * usual ({@code "to": "…#Public"}, GoToSocial; {@code "tag": {…}}, Pixelfed), an object where an id
 * is usual ({@code "actor": {"id": …}}), a Link object ({@code {"href": …}}) where a URL string is
 * usual. We never fetch or expand {@code @context}; we read properties by their well-known compact
 * names, as Mastodon does, so every accessor here accepts all of those shapes and returns
 * {@code null} or an empty list instead of throwing.
 */
public final class ApJson {

    /** ISO-8601 with or without seconds fraction, with {@code Z}, {@code +01:00}, {@code +0100} or no offset. */
    private static final DateTimeFormatter LENIENT_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private ApJson() {}

    /** The field's value, or null when absent or JSON {@code null}. */
    public static JsonNode field(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    /**
     * The id a value stands for: a string is the id itself, an object gives its {@code id} (or, for a
     * Link, its {@code href}), an array gives the id of its first element that has one.
     */
    public static String id(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return blankToNull(value.asText());
        }
        if (value.isObject()) {
            String id = text(value, "id");
            return id != null ? id : text(value, "href");
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                String id = id(element);
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    /** {@link #id(JsonNode)} of a field. */
    public static String id(JsonNode node, String field) {
        return id(field(node, field));
    }

    /** The elements of a value that may be a single value or an array; empty when absent. */
    public static List<JsonNode> list(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        if (value == null || value.isNull() || value.isMissingNode()) {
            return out;
        }
        if (value.isArray()) {
            value.forEach(element -> {
                if (element != null && !element.isNull()) {
                    out.add(element);
                }
            });
        } else {
            out.add(value);
        }
        return out;
    }

    /** {@link #list(JsonNode)} of a field. */
    public static List<JsonNode> list(JsonNode node, String field) {
        return list(field(node, field));
    }

    /** The ids of a field that may hold one or many strings, objects or Links; unusable entries are skipped. */
    public static List<String> ids(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : list(node, field)) {
            String id = id(element);
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    /** A scalar field as text (numbers and booleans too); null for absent, objects and arrays. */
    public static String text(JsonNode node, String field) {
        JsonNode value = field(node, field);
        return value != null && value.isValueNode() ? value.asText() : null;
    }

    /** Like {@link #text} but null for blank strings too. */
    public static String nonBlank(JsonNode node, String field) {
        return blankToNull(text(node, field));
    }

    /** A boolean field; {@code "true"}/{@code "false"} strings are accepted, anything else is {@code fallback}. */
    public static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode value = field(node, field);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return fallback;
    }

    /** An integer field (number or numeric string), null when absent or not a whole number. */
    public static Integer integer(JsonNode node, String field) {
        JsonNode value = field(node, field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isNumber()) {
            return (int) Math.round(value.doubleValue());
        }
        if (value.isTextual()) {
            try {
                return Integer.valueOf(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A timestamp field, see {@link #parseInstant(String)}. */
    public static Instant instant(JsonNode node, String field) {
        return parseInstant(text(node, field));
    }

    /**
     * Parses ISO-8601 timestamps as servers write them: {@code 2021-11-05T11:46:50Z} (Mastodon),
     * {@code …52.555500Z} (Pleroma, microseconds), {@code …+02:00} (GoToSocial), {@code …+0000}
     * (Pixelfed announces), no offset at all (Pleroma's {@code closed}; read as UTC) or a bare date.
     * Returns null for anything else rather than failing the whole document.
     */
    public static Instant parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // not strict ISO-8601 with offset; try the lenient forms below
        }
        try {
            var parsed = LENIENT_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime odt ? odt.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // maybe a date only
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The first element of a field that is a JSON object (a single object counts), or null. */
    public static JsonNode firstObject(JsonNode node, String field) {
        for (JsonNode element : list(node, field)) {
            if (element.isObject()) {
                return element;
            }
        }
        return null;
    }

    /** The {@code type} values of an object ({@code type} may be a string or an array); empty for strings. */
    public static List<String> types(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : list(node, "type")) {
            if (element.isTextual() && !element.asText().isBlank()) {
                out.add(localName(element.asText().trim()));
            }
        }
        return out;
    }

    /**
     * A few servers write types as compact IRIs ({@code as:Note}) or full IRIs
     * ({@code https://www.w3.org/ns/activitystreams#Note}); we compare by the local name.
     */
    private static String localName(String type) {
        if (type.startsWith("http://") || type.startsWith("https://")) {
            int hash = type.lastIndexOf('#');
            return hash >= 0 && hash < type.length() - 1 ? type.substring(hash + 1) : type;
        }
        int colon = type.indexOf(':');
        return colon >= 0 ? type.substring(colon + 1) : type;
    }

    /** Whether the object has any of these types. */
    public static boolean hasType(JsonNode node, String... wanted) {
        List<String> types = types(node);
        for (String type : wanted) {
            if (types.contains(type)) {
                return true;
            }
        }
        return false;
    }

    /** A language map ({@code contentMap}, {@code nameMap}, …) in document order; empty when absent. */
    public static Map<String, String> languageMap(JsonNode node, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode map = field(node, field);
        if (map != null && map.isObject()) {
            map.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }

    /**
     * A URL value as Mastodon's {@code url_to_href} reads it: a string; a Link object's {@code href}
     * (or an Image's {@code url}); for an array, the first Link whose {@code mediaType} (or the older
     * {@code mimeType}) is {@code preferredMediaType}, else the first usable element.
     */
    public static String url(JsonNode value, String preferredMediaType) {
        List<JsonNode> elements = list(value);
        if (preferredMediaType != null) {
            for (JsonNode element : elements) {
                if (element.isObject() && (preferredMediaType.equals(text(element, "mediaType"))
                        || preferredMediaType.equals(text(element, "mimeType")))) {
                    String href = linkTarget(element);
                    if (href != null) {
                        return href;
                    }
                }
            }
        }
        for (JsonNode element : elements) {
            String href = element.isTextual() ? blankToNull(element.asText()) : linkTarget(element);
            if (href != null) {
                return href;
            }
        }
        return null;
    }

    private static String linkTarget(JsonNode object) {
        if (!object.isObject()) {
            return null;
        }
        String href = nonBlank(object, "href");
        if (href != null) {
            return href;
        }
        JsonNode url = field(object, "url");
        // an Image's url may itself be a Link or an array of them
        return url == null ? null : url.isTextual() ? blankToNull(url.asText()) : url(url, null);
    }

    /** The lowercased host of an absolute URI, or null when it has none or does not parse. */
    public static String host(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            String host = URI.create(uri.trim()).getHost();
            if (host == null || host.isEmpty()) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code uri} is an absolute http(s) URI with a host. */
    public static boolean isHttpUri(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            URI parsed = URI.create(uri.trim());
            String scheme = parsed.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    && parsed.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
