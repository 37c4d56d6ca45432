package social.herd.filters.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.herd.filters.impl.FilterRequest;
import social.herd.filters.impl.FilterRequest.KeywordChange;
import social.herd.web.api.ApiException;

/**
 * Request parameters however the client sent them (query, form or JSON), read one way — the
 * statuses bundle's approach, plus Rails' arrays of hashes for {@code keywords_attributes}:
 * {@code keywords_attributes[][keyword]=a&keywords_attributes[][whole_word]=false} (a repeated
 * field starts the next entry, so forms are parsed in order, from the raw text),
 * {@code keywords_attributes[0][keyword]=a}, or a JSON array of objects.
 */
final class Params {

    private static final String KEYWORDS = "keywords_attributes";
    private static final Pattern NESTED = Pattern.compile("\\[([^\\]]*)\\]\\[([^\\]]+)\\]");

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    /** Fields sent as JSON null: present, and meaning "none". */
    private final Set<String> nulls = new HashSet<>();
    private final List<Map<String, String>> appended = new ArrayList<>();
    private final Map<String, Map<String, String>> indexed = new LinkedHashMap<>();
    private boolean keywordsSent;

    /** The raw query string (may be null) and an {@code application/x-www-form-urlencoded} body (may be null). */
    static Params form(String rawQuery, String body) {
        Params p = new Params();
        p.addEncoded(rawQuery);
        p.addEncoded(body);
        return p;
    }

    static Params json(String rawQuery, JsonNode body) {
        Params p = form(rawQuery, null);
        if (body != null && body.isObject()) {
            body.fields().forEachRemaining(e -> p.putJson(e.getKey(), e.getValue()));
        }
        return p;
    }

    private void addEncoded(String text) {
        if (text == null || text.isBlank()) return;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                add(name, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Invalid form encoding");
            }
        }
    }

    private void add(String name, String value) {
        if (name.startsWith(KEYWORDS + "[")) {
            Matcher m = NESTED.matcher(name.substring(KEYWORDS.length()));
            if (m.matches()) keywordField(m.group(1), m.group(2), value);
            return;
        }
        String key = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    /** Rails' rule for {@code a[][f]}: a field the last entry already has starts a new entry. */
    private void keywordField(String index, String field, String value) {
        keywordsSent = true;
        Map<String, String> entry;
        if (index.isEmpty()) {
            entry = appended.isEmpty() ? null : appended.get(appended.size() - 1);
            if (entry == null || entry.containsKey(field)) appended.add(entry = new LinkedHashMap<>());
        } else {
            entry = indexed.computeIfAbsent(index, i -> new LinkedHashMap<>());
        }
        entry.put(field, value);
    }

    private void putJson(String name, JsonNode v) {
        if (v == null || v.isNull()) {
            nulls.add(name);
            return;
        }
        if (name.equals(KEYWORDS)) {
            keywordsSent = true;
            // an array of objects, or Rails' hash keyed by index
            v.forEach(entry -> {
                if (!entry.isObject()) return;
                Map<String, String> fields = new LinkedHashMap<>();
                entry.fields().forEachRemaining(f -> {
                    if (f.getValue() != null && !f.getValue().isNull() && f.getValue().isValueNode()) {
                        fields.put(f.getKey(), f.getValue().asText());
                    }
                });
                appended.add(fields);
            });
            return;
        }
        if (v.isObject()) return; // no nested objects in these endpoints
        List<String> list = new ArrayList<>();
        if (v.isArray()) v.forEach(x -> list.add(x.asText()));
        else list.add(v.asText());
        values.put(name, list);
    }

    boolean has(String name) {
        return values.containsKey(name) || nulls.contains(name);
    }

    /** The last value of {@code name}; null when absent; "" when sent as JSON null. */
    String get(String name) {
        List<String> v = values.get(name);
        if (v == null || v.isEmpty()) return nulls.contains(name) ? "" : null;
        return v.get(v.size() - 1);
    }

    /** All values of {@code name}; null when absent, empty when sent as JSON null. */
    List<String> list(String name) {
        List<String> v = values.get(name);
        return v != null ? v : nulls.contains(name) ? List.of() : null;
    }

    /** Rails' booleans (1/true/t/on/yes); null when absent or empty. */
    Boolean bool(String name) {
        return truth(get(name));
    }

    /** A numeric id; null when absent; 422 naming the parameter when not a number. */
    Long id(String name) {
        return number(name, get(name));
    }

    /** The filter fields and keyword changes of {@code POST/PUT /api/v2/filters}. */
    FilterRequest filter() {
        FilterRequest.Expiry expiry = null;
        if (has("expires_in")) {
            String v = get("expires_in");
            expiry = new FilterRequest.Expiry(v == null || v.isBlank() ? null : number("Expires in", v));
        }
        List<KeywordChange> keywords = null;
        if (keywordsSent) {
            keywords = new ArrayList<>();
            List<Map<String, String>> all = new ArrayList<>(appended);
            all.addAll(byIndex(indexed).values());
            for (Map<String, String> k : all) {
                keywords.add(new KeywordChange(number("Keywords id", k.get("id")), k.get("keyword"), truth(k.get("whole_word")),
                        Boolean.TRUE.equals(truth(k.get("_destroy")))));
            }
        }
        return new FilterRequest(get("title"), list("context"), get("filter_action"), expiry, keywords);
    }

    /** Entries keyed "0", "1", ... "10" in numeric order, others after them by name. */
    private static Map<String, Map<String, String>> byIndex(Map<String, Map<String, String>> indexed) {
        Map<String, Map<String, String>> sorted = new TreeMap<>((a, b) -> {
            boolean na = a.matches("\\d{1,9}"), nb = b.matches("\\d{1,9}");
            if (na && nb) return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
            return na ? -1 : nb ? 1 : a.compareTo(b);
        });
        sorted.putAll(indexed);
        return sorted;
    }

    private static Boolean truth(String v) {
        if (v == null || v.isBlank()) return null;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "on", "yes", "y" -> true;
            default -> false;
        };
    }

    private static Long number(String name, String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw ApiException.unprocessable("Validation failed: " + name + " is invalid");
        }
    }
}
