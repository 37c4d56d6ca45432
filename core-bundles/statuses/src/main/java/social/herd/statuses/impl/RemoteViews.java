package social.herd.statuses.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import social.herd.api.federation.FederatedStatuses.RemoteMedia;
import social.herd.web.api.Json;

/**
 * What remote posts carry that local ones do not, to and from the JSON kept in their rows: their
 * attachments (shown from the remote URLs, as Mastodon entities the media bundle would otherwise
 * render) and their custom emojis.
 */
final class RemoteViews {

    private static final TypeReference<List<RemoteMedia>> MEDIA = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> EMOJIS = new TypeReference<>() {};

    private RemoteViews() {}

    /** The attachments as stored; null when there are none. */
    static String mediaJson(List<RemoteMedia> media) {
        return media == null || media.isEmpty() ? null : Json.write(media);
    }

    /** The emojis as stored; null when there are none. */
    static String emojisJson(Map<String, String> emojis) {
        return emojis == null || emojis.isEmpty() ? null : Json.write(new TreeMap<>(emojis));
    }

    static List<RemoteMedia> media(String json) {
        List<RemoteMedia> media = PollViews.read(json, MEDIA);
        return media == null ? List.of() : media;
    }

    /**
     * Mastodon MediaAttachment entities of a remote post. There is no media row: the id is the
     * status id and the position, stable as long as the post is not edited.
     */
    static List<Object> attachments(long statusId, String json) {
        List<Object> out = new ArrayList<>();
        List<RemoteMedia> media = media(json);
        for (int i = 0; i < media.size(); i++) {
            RemoteMedia m = media.get(i);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", statusId + "-" + i);
            a.put("type", m.type() == null ? "unknown" : m.type());
            a.put("url", m.url());
            a.put("preview_url", m.url());
            a.put("remote_url", m.url());
            a.put("preview_remote_url", null);
            a.put("text_url", null);
            Map<String, Object> meta = new LinkedHashMap<>();
            if (m.width() != null && m.height() != null && m.width() > 0 && m.height() > 0) {
                Map<String, Object> original = new LinkedHashMap<>();
                original.put("width", m.width());
                original.put("height", m.height());
                original.put("size", m.width() + "x" + m.height());
                original.put("aspect", (double) m.width() / m.height());
                meta.put("original", original);
            }
            a.put("meta", meta);
            a.put("description", m.description());
            a.put("blurhash", m.blurhash());
            out.add(a);
        }
        return out;
    }

    /** Mastodon CustomEmoji entities, by shortcode; remote emojis are never offered in the picker. */
    static List<Object> emojis(String json) {
        Map<String, String> emojis = PollViews.read(json, EMOJIS);
        if (emojis == null) return List.of();
        List<Object> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(emojis).entrySet()) {
            Map<String, Object> emoji = new LinkedHashMap<>();
            emoji.put("shortcode", e.getKey());
            emoji.put("url", e.getValue());
            emoji.put("static_url", e.getValue());
            emoji.put("visible_in_picker", false);
            out.add(emoji);
        }
        return out;
    }
}
