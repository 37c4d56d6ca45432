package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerant reading of ActivityStreams JSON as servers really send it: a single value where an
 * array is usual, an id string where an object is usual, an object (with {@code id} or
 * {@code href}) where a string is usual. Contexts are never fetched or expanded: properties are
 * read by their usual compacted names.
 */
public final class ApJson {

    private ApJson() {}

    /** The id of a node: the string itself, or an object's {@code id} (else {@code href}). */
    public static String id(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) return null;
        if (n.isTextual()) return n.asText().isBlank() ? null : n.asText();
        if (n.isArray()) return n.isEmpty() ? null : id(n.get(0));
        if (n.isObject()) {
            if (n.path("id").isTextual()) return n.path("id").asText();
            if (n.path("href").isTextual()) return n.path("href").asText();
        }
        return null;
    }

    /** Ids of a field that may hold one value or an array of strings and objects. */
    public static List<String> ids(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = node == null ? null : node.path(field);
        if (v == null || v.isMissingNode() || v.isNull()) return out;
        if (v.isArray()) {
            for (JsonNode x : v) {
                String id = id(x);
                if (id != null) out.add(id);
            }
        } else {
            String id = id(v);
            if (id != null) out.add(id);
        }
        return out;
    }

    /** The elements of a field as a list of nodes, whether it holds one node or an array. */
    public static List<JsonNode> nodes(JsonNode node, String field) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode v = node == null ? null : node.path(field);
        if (v == null || v.isMissingNode() || v.isNull()) return out;
        if (v.isArray()) v.forEach(out::add); else out.add(v);
        return out;
    }

    /** The types of a node ({@code type} may be a string or an array of strings). */
    public static List<String> types(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) return out;
        JsonNode t = n.path("type");
        if (t.isTextual()) out.add(strip(t.asText()));
        else if (t.isArray()) t.forEach(x -> { if (x.isTextual()) out.add(strip(x.asText())); });
        return out;
    }

    /** A text field; null when absent or not text. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.path(field);
        if (v == null) return null;
        if (v.isArray() && !v.isEmpty()) v = v.get(0);
        return v.isTextual() ? v.asText() : null;
    }

    public static boolean bool(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.path(field);
        return v != null && (v.isBoolean() ? v.asBoolean() : v.isTextual() && Boolean.parseBoolean(v.asText()));
    }

    /** An ISO-8601 instant with or without fraction or offset; null when unreadable. */
    public static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) return null;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s.endsWith("Z") ? s : s + "Z");
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** "as:Public" → "Public", "https://www.w3.org/ns/activitystreams#Note" → "Note". */
    static String strip(String type) {
        int hash = type.lastIndexOf('#');
        if (hash >= 0) return type.substring(hash + 1);
        int colon = type.indexOf(':');
        return colon >= 0 && !type.startsWith("http") ? type.substring(colon + 1) : type;
    }
}
