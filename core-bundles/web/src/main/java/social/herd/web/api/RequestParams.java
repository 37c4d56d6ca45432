package social.herd.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Request parameters however a Mastodon client sent them — query, form or JSON body — read one
 * way. Arrays come as {@code name[]=a&name[]=b}, {@code name=a} or a JSON array; nested JSON
 * objects are named as a form names them ({@code poll[options]}). Bad numbers are a 422 naming
 * the parameter, as Mastodon answers.
 */
public final class RequestParams {

    private final Map<String, List<String>> values = new HashMap<>();

    private RequestParams() {}

    /** Query and form parameters (either may be null). */
    public static RequestParams of(MultivaluedMap<String, String> query, MultivaluedMap<String, String> form) {
        RequestParams p = new RequestParams();
        p.addAll(query);
        p.addAll(form);
        return p;
    }

    /** Query parameters and a JSON object body (null body: none). */
    public static RequestParams json(MultivaluedMap<String, String> query, JsonNode body) {
        RequestParams p = of(query, null);
        if (body != null && body.isObject()) p.putAll("", body);
        return p;
    }

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

    private void addAll(MultivaluedMap<String, String> map) {
        if (map == null) return;
        map.forEach((k, v) -> {
            if (v == null || v.isEmpty()) return;
            String name = k.endsWith("[]") ? k.substring(0, k.length() - 2) : k;
            values.computeIfAbsent(name, x -> new ArrayList<>()).addAll(v);
        });
    }

    /** Whether the client sent {@code name} at all (an empty array counts: it means "none"). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The names sent, for parameters grouped under a prefix ({@code poll[...]}). */
    public Set<String> names() {
        return values.keySet();
    }

    /** The last value of {@code name}, or null. */
    public String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    /** Every value of {@code name} (an array parameter), possibly empty. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Rails' booleans (1/true/t/on/yes); {@code fallback} when absent or empty. */
    public boolean bool(String name, boolean fallback) {
        String v = get(name);
        if (v == null || v.isBlank()) return fallback;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "on", "yes", "y" -> true;
            default -> false;
        };
    }

    /** Boolean, or null when absent. */
    public Boolean bool(String name) {
        return get(name) == null || get(name).isBlank() ? null : bool(name, false);
    }

    /** Numeric ids; 422 naming the parameter when one is not a number. */
    public List<Long> ids(String name) {
        List<Long> out = new ArrayList<>();
        for (String v : all(name)) {
            if (v == null || v.isBlank()) continue;
            out.add(number(name, v));
        }
        return out;
    }

    /** A numeric id, or null when absent. */
    public Long id(String name) {
        String v = get(name);
        return v == null || v.isBlank() ? null : number(name, v);
    }

    /** Small numbers (indexes); 422 naming the parameter when one is not a number. */
    public List<Integer> ints(String name) {
        List<Integer> out = new ArrayList<>();
        for (Long v : ids(name)) {
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw invalid(name);
            out.add(v.intValue());
        }
        return out;
    }

    private static long number(String name, String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(name);
        }
    }

    private static ApiException invalid(String name) {
        return ApiException.unprocessable("Validation failed: " + name + " is invalid");
    }
}
