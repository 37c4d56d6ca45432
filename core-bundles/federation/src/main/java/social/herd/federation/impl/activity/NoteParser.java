package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Entities;
import social.herd.api.federation.FederatedStatuses.RemoteMedia;
import social.herd.api.federation.FederatedStatuses.RemotePoll;

/**
 * Notes, Questions and the types Mastodon shows as a post with a link (Article, Page, Event, Video,
 * Audio, Image): title as a paragraph, then the link. Misskey, Pleroma and Lemmy extras
 * ({@code _misskey_content}, {@code source}, {@code quoteUrl}) are ignored.
 */
public final class NoteParser {

    static final Set<String> CONVERTED = Set.of("Article", "Page", "Event", "Video", "Audio", "Image");
    static final Set<String> MEDIA = Set.of("Document", "Image", "Video", "Audio", "Link");

    private NoteParser() {}

    public static ParsedObject parse(JsonNode o) {
        if (o == null || !o.isObject()) throw new ActivityFormatException("not an object");
        List<String> types = ApJson.types(o);
        String type = types.isEmpty() ? "" : types.get(0);
        String uri = ApJson.id(o.path("id"));
        String url = ActorParser.url(o.path("url"));
        String content = ApJson.text(o, "content");
        String language = null;
        JsonNode map = o.path("contentMap");
        if (map.isObject() && map.size() > 0) {
            var first = map.fields().next();
            language = first.getKey().length() <= 8 ? first.getKey().toLowerCase(Locale.ROOT) : null;
            if (content == null && first.getValue().isTextual()) content = first.getValue().asText();
        }
        String html = HtmlSanitizer.clean(content);
        String name = ApJson.text(o, "name");
        if (CONVERTED.contains(type)) {
            String link = url != null ? url : uri;
            StringBuilder b = new StringBuilder();
            if (name != null && !name.isBlank()) b.append("<p><strong>").append(Entities.escape(name)).append("</strong></p>");
            if (!html.isEmpty() && !type.equals("Video") && !type.equals("Audio")) b.append(html);
            if (link != null) {
                String safe = Entities.escape(link);
                b.append("<p><a href=\"").append(safe).append("\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">")
                        .append(safe).append("</a></p>");
            }
            html = HtmlSanitizer.clean(b.toString());
        }
        String summary = ApJson.text(o, "summary");
        List<String> mentions = new ArrayList<>();
        List<String> hashtags = new ArrayList<>();
        Map<String, String> emojis = new LinkedHashMap<>();
        for (JsonNode t : ApJson.nodes(o, "tag")) {
            List<String> tt = ApJson.types(t);
            if (tt.contains("Mention")) {
                String href = ApJson.id(t.path("href"));
                if (href != null) mentions.add(href);
            } else if (tt.contains("Hashtag")) {
                String n = ApJson.text(t, "name");
                if (n != null) hashtags.add((n.startsWith("#") ? n.substring(1) : n).toLowerCase(Locale.ROOT));
            } else if (tt.contains("Emoji")) {
                String n = ApJson.text(t, "name");
                String icon = ActorParser.url(t.path("icon").path("url"));
                if (n != null && icon != null) emojis.put(n.replace(":", ""), icon);
            }
        }
        return new ParsedObject(uri, type, url, attributedTo(o), html,
                summary == null || summary.isBlank() ? null : HtmlSanitizer.toPlainText(summary),
                ApJson.bool(o, "sensitive") || (summary != null && !summary.isBlank()),
                ApJson.ids(o, "to"), ApJson.ids(o, "cc"), ApJson.id(o.path("inReplyTo")), language,
                ApJson.instant(o, "published"), ApJson.instant(o, "updated"), mentions, hashtags, emojis,
                media(o), type.equals("Question") ? poll(o) : null, name);
    }

    /** The author: a string, an object, or an array of which the first actor-like entry counts. */
    private static String attributedTo(JsonNode o) {
        JsonNode a = o.path("attributedTo");
        if (a.isArray()) {
            for (JsonNode x : a) {
                if (x.isTextual()) return x.asText();
                if (x.isObject() && ApJson.types(x).stream().anyMatch(ActorParser.ACTOR_TYPES::contains)) return ApJson.id(x);
            }
            return ApJson.id(a);
        }
        return ApJson.id(a);
    }

    private static List<RemoteMedia> media(JsonNode o) {
        List<RemoteMedia> out = new ArrayList<>();
        for (JsonNode a : ApJson.nodes(o, "attachment")) {
            if (!a.isObject()) continue;
            List<String> t = ApJson.types(a);
            if (t.stream().noneMatch(MEDIA::contains)) continue;
            String mediaType = ApJson.text(a, "mediaType");
            String url = ActorParser.url(a.path("url"));
            if (url == null || (t.contains("Link") && mediaType == null)) continue;
            String kind = mediaType == null ? (t.contains("Image") ? "image" : "unknown")
                    : mediaType.startsWith("image/") ? "image" : mediaType.startsWith("video/") ? "video"
                    : mediaType.startsWith("audio/") ? "audio" : "unknown";
            out.add(new RemoteMedia(url, kind, mediaType, ApJson.text(a, "name"), ApJson.text(a, "blurhash"),
                    a.path("width").isNumber() ? a.path("width").asInt() : null,
                    a.path("height").isNumber() ? a.path("height").asInt() : null));
            if (out.size() == 16) break;
        }
        return out;
    }

    private static RemotePoll poll(JsonNode o) {
        boolean multiple = o.has("anyOf");
        List<String> options = new ArrayList<>();
        List<Integer> votes = new ArrayList<>();
        for (JsonNode opt : ApJson.nodes(o, multiple ? "anyOf" : "oneOf")) {
            String n = ApJson.text(opt, "name");
            if (n == null) continue;
            options.add(n);
            votes.add(opt.path("replies").path("totalItems").asInt(0));
        }
        if (options.isEmpty()) return null;
        Instant end = ApJson.instant(o, "endTime");
        if (end == null) end = ApJson.instant(o, "closed");
        Integer voters = o.path("votersCount").isNumber() ? o.path("votersCount").asInt() : null;
        return new RemotePoll(options, votes, multiple, end, voters);
    }
}
