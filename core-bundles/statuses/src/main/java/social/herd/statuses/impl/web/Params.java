package social.herd.statuses.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.herd.statuses.impl.PollRequest;
import social.herd.web.api.ApiException;

/**
 * Request parameters however the client sent them (query, form or JSON), read one way. Arrays
 * come as {@code name[]=a&name[]=b}, {@code name=a} or a JSON array.
 */
final class Params {

    private final Map<String, List<String>> values = new HashMap<>();

    static Params of(MultivaluedMap<String, String> query, MultivaluedMap<String, String> form) {
        Params p = new Params();
        p.addAll(query);
        p.addAll(form);
        return p;
    }

    static Params json(MultivaluedMap<String, String> query, JsonNode body) {
        Params p = of(query, null);
        if (body != null && body.isObject()) {
            p.putAll("", body);
        }
        return p;
    }

    /** JSON fields; a nested object's fields are named as in a form ({@code poll[options]}). */
    private void putAll(String prefix, JsonNode object) {
        object.fields().forEachRemaining(e -> {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "[" + e.getKey() + "]";
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) return;
            if (v.isObject()) {
                putAll(name, v);
                return;
            }
            List<String> list = new ArrayList<>();
            if (v.isArray()) v.forEach(x -> list.add(x.asText()));
            else list.add(v.asText());
            values.put(name, list);
        });
    }

    /** Whether the client sent {@code name} at all (an empty array counts: it means "none"). */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * {@code poll[options][]}, {@code poll[expires_in]}, {@code poll[multiple]} and
     * {@code poll[hide_totals]}; null when no {@code poll[...]} parameter was sent.
     */
    PollRequest poll() {
        if (values.keySet().stream().noneMatch(k -> k.startsWith("poll["))) return null;
        String expires = get("poll[expires_in]");
        Long seconds = expires == null || expires.isBlank() ? null : id("poll[expires_in]", expires);
        return new PollRequest(values.getOrDefault("poll[options]", List.of()), seconds, bool("poll[multiple]", false),
                bool("poll[hide_totals]", false));
    }

    /** Small numbers (option indexes); 422 naming the parameter when one is not a number. */
    List<Integer> ints(String name) {
        List<Integer> out = new ArrayList<>();
        for (Long v : ids(name)) {
            if (v > Integer.MAX_VALUE) throw ApiException.unprocessable("Validation failed: " + name + " is invalid");
            out.add(v.intValue());
        }
        return out;
    }

    private void addAll(MultivaluedMap<String, String> map) {
        if (map == null) return;
        map.forEach((k, v) -> {
            if (v == null || v.isEmpty()) return;
            String name = k.endsWith("[]") ? k.substring(0, k.length() - 2) : k;
            values.computeIfAbsent(name, x -> new ArrayList<>()).addAll(v);
        });
    }

    /** The last value of {@code name}, or null. */
    String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    /** Rails' booleans (1/true/t/on/yes); {@code fallback} when absent or empty. */
    boolean bool(String name, boolean fallback) {
        String v = get(name);
        if (v == null || v.isBlank()) return fallback;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "on", "yes", "y" -> true;
            default -> false;
        };
    }

    /** Boolean, or null when absent. */
    Boolean bool(String name) {
        return get(name) == null || get(name).isBlank() ? null : bool(name, false);
    }

    /** Numeric ids; 422 naming the parameter when one is not a number. */
    List<Long> ids(String name) {
        List<Long> out = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            if (v == null || v.isBlank()) continue;
            out.add(id(name, v));
        }
        return out;
    }

    /** A numeric id, or null when absent. */
    Long id(String name) {
        String v = get(name);
        return v == null || v.isBlank() ? null : id(name, v);
    }

    private static long id(String name, String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw ApiException.unprocessable("Validation failed: " + name + " is invalid");
        }
    }
}
