package social.herd.oauth.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request parameters read the same way whether a client sent a form, a JSON object or a query
 * string: Mastodon.py posts forms, masto.js and megalodon post JSON, and Rails (which Mastodon
 * is) merges all of them. A Rails-style {@code name[]} key counts as {@code name}.
 */
public final class Params {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Params() {}

    /** Empty parameters. */
    public static Params empty() {
        return new Params();
    }

    /** From a form or query string; the first source given wins for single values. */
    public static Params of(Map<String, List<String>> form) {
        return new Params().add(form);
    }

    /** From a JSON object: strings, numbers and booleans as text, arrays as several values. */
    public static Params ofJson(Map<String, Object> json) {
        Params p = new Params();
        if (json == null) return p;
        json.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item != null && !(item instanceof Map)) p.put(key, item.toString());
                }
            } else if (value != null && !(value instanceof Map)) {
                p.put(key, value.toString());
            }
        });
        return p;
    }

    /** Adds values after the ones already present (e.g. the query string after the body). */
    public Params add(Map<String, List<String>> more) {
        if (more != null) more.forEach((key, list) -> list.forEach(v -> put(key, v)));
        return this;
    }

    private void put(String key, String value) {
        String name = key.endsWith("[]") ? key.substring(0, key.length() - 2) : key;
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    /** The first non-blank value of {@code name}, trimmed, or {@code null}. */
    public String get(String name) {
        for (String v : all(name)) {
            if (v != null && !v.isBlank()) return v.trim();
        }
        return null;
    }

    /** The first non-empty value of {@code name} exactly as sent (passwords are not trimmed), or {@code null}. */
    public String raw(String name) {
        for (String v : all(name)) {
            if (v != null && !v.isEmpty()) return v;
        }
        return null;
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Sets {@code name} if it has no value yet (e.g. client credentials from HTTP Basic). */
    public Params putIfAbsent(String name, String value) {
        if (value != null && get(name) == null) values.put(name, new ArrayList<>(List.of(value)));
        return this;
    }
}
