package social.herd.admin.impl.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough of OSGi manifest header syntax: clauses, their name, attributes and directives. */
final class Headers {

    private Headers() {}

    /** The clauses of a header, split on commas outside quotes. */
    static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null || header.isBlank()) return out;
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) {
                if (!current.toString().isBlank()) out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) out.add(current.toString().strip());
        return out;
    }

    /** The clause's name (package or namespace). */
    static String name(String clause) {
        return clause.split(";", 2)[0].strip();
    }

    /** Attributes ({@code key=value}) and directives ({@code key:=value}, keyed with the colon) of a clause. */
    static Map<String, String> parameters(String clause) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : clause.toCharArray()) {
            if (c == '"') quoted = !quoted;
            if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        for (String p : parts.subList(1, parts.size())) {
            int eq = p.indexOf('=');
            if (eq < 0) continue;
            String key = p.substring(0, eq).strip();
            String value = p.substring(eq + 1).strip();
            if (key.endsWith(":")) key = key.substring(0, key.length() - 1).strip() + ":";
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
            // attribute types (version:Version=1.0) are not needed here
            int colon = key.indexOf(':');
            if (colon > 0 && colon < key.length() - 1) key = key.substring(0, colon);
            out.put(key, value);
        }
        return out;
    }
}
