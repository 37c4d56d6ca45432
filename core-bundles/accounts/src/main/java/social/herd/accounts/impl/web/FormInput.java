package social.herd.accounts.impl.web;

import social.herd.web.api.Multipart;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.herd.accounts.impl.AccountViews.SourceField;
import social.herd.accounts.impl.Upload;

/**
 * Request parameters however the client sent them: query, form, multipart or JSON. JSON objects
 * and arrays are flattened into Rails' bracket names ({@code source[privacy]},
 * {@code fields_attributes[0][name]}), so one code path reads all four.
 */
public final class FormInput {

    private static final Pattern FIELD = Pattern.compile("fields_attributes\\[(\\d+)]\\[(name|value)]");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Upload> files = new HashMap<>();
    /** Every value of repeated form or query parameters ({@code languages[]=en&languages[]=fr}). */
    private final Map<String, List<String>> repeated = new HashMap<>();

    public static FormInput of(MultivaluedMap<String, String> query, MultivaluedMap<String, String> form) {
        FormInput in = new FormInput();
        in.addAll(query);
        in.addAll(form);
        return in;
    }

    public static FormInput json(MultivaluedMap<String, String> query, JsonNode body) {
        FormInput in = of(query, null);
        if (body != null && body.isObject()) body.fields().forEachRemaining(e -> in.flatten(e.getKey(), e.getValue()));
        return in;
    }

    public static FormInput multipart(MultivaluedMap<String, String> query, Multipart.Parts parts) {
        FormInput in = of(query, null);
        in.values.putAll(parts.values());
        parts.files().forEach((name, file) -> in.files.put(name, new Upload(file.filename(), file.contentType(), file.bytes())));
        return in;
    }

    private void addAll(MultivaluedMap<String, String> map) {
        if (map == null) return;
        map.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                values.put(k, v.get(v.size() - 1));
                repeated.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v);
            }
        });
    }

    private void flatten(String name, JsonNode node) {
        if (node == null || node.isNull()) return;
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(name + "[" + e.getKey() + "]", e.getValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) flatten(name + "[" + i + "]", node.get(i));
        } else {
            values.put(name, node.asText());
        }
    }

    /** The value of {@code name}, or null when absent. */
    public String get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Rails' booleans: 1/true/t/on/yes; null when absent. */
    public Boolean bool(String name) {
        String v = values.get(name);
        if (v == null) return null;
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "on", "yes", "y" -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
    }

    /**
     * An array parameter as Rails reads it: {@code name[]=a&name[]=b} (form or query), or
     * {@code "name": ["a", "b"]} (JSON); a lone {@code name=a} counts as one element. Null when absent.
     */
    public List<String> list(String name) {
        List<String> form = repeated.get(name + "[]");
        if (form != null) return List.copyOf(form);
        Pattern indexed = Pattern.compile(Pattern.quote(name) + "\\[(\\d+)]");
        TreeMap<Integer, String> json = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher m = indexed.matcher(e.getKey());
            if (m.matches()) json.put(Integer.parseInt(m.group(1)), e.getValue());
        }
        if (!json.isEmpty()) return List.copyOf(json.values());
        String single = values.get(name);
        return single == null ? null : List.of(single);
    }

    public Upload file(String name) {
        return files.get(name);
    }

    /** {@code fields_attributes[i][name|value]} in index order, or null when none was sent. */
    public List<SourceField> fields() {
        TreeMap<Integer, String[]> rows = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher m = FIELD.matcher(e.getKey());
            if (!m.matches()) continue;
            String[] row = rows.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new String[] {"", ""});
            row[m.group(2).equals("name") ? 0 : 1] = e.getValue() == null ? "" : e.getValue().strip();
        }
        if (rows.isEmpty()) return null;
        List<SourceField> out = new ArrayList<>();
        for (String[] row : rows.values()) {
            if (!row[0].isEmpty() || !row[1].isEmpty()) out.add(new SourceField(row[0], row[1]));
        }
        return out;
    }
}
