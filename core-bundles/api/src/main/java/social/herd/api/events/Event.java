package social.herd.api.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fact that happened. The data holds ids and small values only (it travels as JSON in a job
 * row); subscribers load what they need. Numbers come back from JSON as {@link Number}, so read
 * them with {@link #id(String)} rather than casting.
 *
 * @param type one of {@link EventTypes}
 * @param data JSON-serialisable values: strings, numbers, booleans, lists and maps of those
 */
public record Event(String type, Map<String, Object> data) {

    public Event {
        Objects.requireNonNull(type, "type");
        data = data == null ? Map.of() : data;
    }

    /** A numeric id from the data, or null when absent. */
    public Long id(String key) {
        Object v = data.get(key);
        if (v == null) return null;
        if (v instanceof Number n) return n.longValue();
        return Long.parseLong(v.toString());
    }

    /** A string value, or null when absent. */
    public String string(String key) {
        Object v = data.get(key);
        return v == null ? null : v.toString();
    }

    /** A boolean value; absent is false. */
    public boolean flag(String key) {
        Object v = data.get(key);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
    }

    /** A list of numeric ids; absent is empty. */
    public List<Long> ids(String key) {
        Object v = data.get(key);
        if (!(v instanceof List<?> l)) return List.of();
        return l.stream().map(o -> o instanceof Number n ? n.longValue() : Long.parseLong(o.toString())).toList();
    }

    /** A list of strings; absent is empty. */
    public List<String> strings(String key) {
        Object v = data.get(key);
        if (!(v instanceof List<?> l)) return List.of();
        return l.stream().map(Object::toString).toList();
    }
}
