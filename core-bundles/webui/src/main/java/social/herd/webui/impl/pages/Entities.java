package social.herd.webui.impl.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import social.herd.web.api.Json;

/** Mastodon entities as the templates read them: maps with the API's snake_case keys. */
final class Entities {

    private Entities() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object entity) {
        return entity == null ? null : Json.mapper().convertValue(entity, Map.class);
    }

    static List<Map<String, Object>> maps(List<Object> entities) {
        List<Object> out = new ArrayList<>(entities.size());
        for (Object e : entities) out.add(map(e));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> typed = (List<Map<String, Object>>) (List<?>) out;
        return typed;
    }

    /** The plain text of a post's or bio's HTML, cut for a preview (OpenGraph description). */
    static String summary(Object html, int max) {
        if (html == null) return "";
        String text = Jsoup.parse(html.toString()).text().strip();
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The id of the last (oldest) entity of a newest-first page, for the next page's max_id. */
    static Long lastId(List<Map<String, Object>> page, int limit) {
        if (page.size() < limit || page.isEmpty()) return null;
        try {
            return Long.parseLong(String.valueOf(page.get(page.size() - 1).get("id")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A max_id query value, or null when absent or not a number. */
    static Long maxId(String value) {
        if (value == null || !value.matches("[0-9]{1,19}")) return null;
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
