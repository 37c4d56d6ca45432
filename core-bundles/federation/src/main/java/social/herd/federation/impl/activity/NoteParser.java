package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;
import social.herd.api.federation.FederatedStatuses.RemoteMedia;
import social.herd.api.federation.FederatedStatuses.RemotePoll;

/**
 * Reads a post-like object into a {@link ParsedObject}, following Mastodon's
 * {@code ActivityPub::Parser::StatusParser} and {@code ActivityPub::Activity::Create}.
 *
 * <p>Note and Question are posts. Article, Page, Event, Video, Audio and Image are "converted"
 * types: Mastodon does not render their body but shows their name (and summary) with a link to
 * the original, and so do we. Server-specific extras are deliberately not read: Misskey's
 * {@code _misskey_content}/{@code _misskey_quote}, {@code quoteUrl}, Pleroma's {@code source}
 * (a string or an object), GoToSocial's {@code interactionPolicy}, Pixelfed's {@code capabilities}.
 */
public final class NoteParser {

    /** Types stored as posts as they are. */
    public static final Set<String> NOTE_TYPES = Set.of("Note", "Question");
    /** Types Mastodon converts into a post showing their title and a link. */
    public static final Set<String> CONVERTED_TYPES = Set.of("Article", "Page", "Event", "Video", "Audio", "Image");

    /** Attachment types that can be media (Link only with a mediaType, e.g. Lemmy's link posts have none). */
    private static final Set<String> MEDIA_TYPES = Set.of("Document", "Image", "Video", "Audio", "Link");
    /** Mastodon's custom emoji shortcode syntax. */
    private static final Pattern SHORTCODE = Pattern.compile("[a-zA-Z0-9_]{2,}");

    private NoteParser() {}

    /** Whether {@link #parse} accepts an object of these types. */
    public static boolean isPostType(JsonNode object) {
        return ApJson.types(object).stream().anyMatch(t -> NOTE_TYPES.contains(t) || CONVERTED_TYPES.contains(t));
    }

    /**
     * @throws ActivityFormatException when the object is not a post type (Tombstone, ChatMessage, …)
     *     or has no http(s) id
     */
    public static ParsedObject parse(JsonNode object) throws ActivityFormatException {
        if (object == null || !object.isObject()) {
            throw new ActivityFormatException("object is not a JSON object");
        }
        List<String> types = ApJson.types(object);
        String type = types.stream().filter(NOTE_TYPES::contains).findFirst()
                .or(() -> types.stream().filter(CONVERTED_TYPES::contains).findFirst())
                .orElseThrow(() -> new ActivityFormatException("not a post: type " + types));
        String uri = ApJson.text(object, "id");
        if (!ApJson.isHttpUri(uri)) {
            throw new ActivityFormatException(type + " has no http(s) id");
        }
        boolean converted = CONVERTED_TYPES.contains(type);
        String url = ApJson.url(ApJson.field(object, "url"), "text/html");
        String summary = plainOrNull(ApJson.text(object, "summary"));
        String contentHtml = converted ? convertedContent(object, summary, url != null ? url : uri)
                : HtmlSanitizer.sanitize(content(object));

        List<String> mentions = new ArrayList<>();
        Set<String> hashtags = new LinkedHashSet<>();
        Map<String, String> emojis = new LinkedHashMap<>();
        readTags(object, mentions, hashtags, emojis);

        return new ParsedObject(uri, type, url != null ? url : uri, author(object), contentHtml,
                converted ? null : summary, ApJson.bool(object, "sensitive", false),
                ApJson.ids(object, "to"), ApJson.ids(object, "cc"), ApJson.id(object, "inReplyTo"),
                language(object), ApJson.instant(object, "published"), ApJson.instant(object, "updated"),
                mentions, List.copyOf(hashtags), emojis, media(object),
                "Question".equals(type) ? poll(object) : null, ApJson.text(object, "name"));
    }

    /** {@code content}, else the first value of {@code contentMap} (servers that only send the map). */
    private static String content(JsonNode object) {
        String content = ApJson.text(object, "content");
        if (content == null || content.isBlank()) {
            content = ApJson.languageMap(object, "contentMap").values().stream().findFirst().orElse(content);
        }
        return content;
    }

    /** Mastodon's converted_text: name, summary, then the link, each in its own paragraph. */
    private static String convertedContent(JsonNode object, String summary, String link) {
        StringBuilder html = new StringBuilder();
        String name = plainOrNull(ApJson.text(object, "name"));
        if (name == null) {
            name = plainOrNull(ApJson.languageMap(object, "nameMap").values().stream().findFirst().orElse(null));
        }
        if (name != null) {
            html.append("<p>").append(Entities.escape(name)).append("</p>");
        }
        if (summary != null) {
            html.append("<p>").append(Entities.escape(summary)).append("</p>");
        }
        html.append("<p><a href=\"").append(Entities.escape(link)).append("\">").append(Entities.escape(link))
                .append("</a></p>");
        return HtmlSanitizer.sanitize(html.toString());
    }

    /** The author: {@code attributedTo} may be an array (PeerTube: account and channel); the first Person wins. */
    private static String author(JsonNode object) {
        List<JsonNode> candidates = ApJson.list(object, "attributedTo");
        for (JsonNode candidate : candidates) {
            if (candidate.isObject() && ApJson.hasType(candidate, "Person")) {
                return ApJson.id(candidate);
            }
        }
        return candidates.isEmpty() ? ApJson.id(object, "actor") : ApJson.id(candidates.getFirst());
    }

    /** The contentMap's first key as Mastodon takes it; else a Lemmy/PeerTube {@code language.identifier}. */
    private static String language(JsonNode object) {
        String language = ApJson.languageMap(object, "contentMap").keySet().stream().findFirst().orElse(null);
        if (language == null) {
            JsonNode field = ApJson.field(object, "language");
            language = field == null ? null : field.isTextual() ? field.asText() : ApJson.text(field, "identifier");
        }
        return language == null || language.isBlank() || language.equals("und") ? null : language.strip();
    }

    private static void readTags(JsonNode object, List<String> mentions, Set<String> hashtags,
                                 Map<String, String> emojis) {
        for (JsonNode tag : ApJson.list(object, "tag")) {
            if (!tag.isObject()) {
                continue;
            }
            if (ApJson.hasType(tag, "Mention")) {
                String href = ApJson.nonBlank(tag, "href");
                href = href != null ? href : ApJson.nonBlank(tag, "id");
                if (href != null && !mentions.contains(href)) {
                    mentions.add(href);
                }
            } else if (ApJson.hasType(tag, "Hashtag")) {
                String name = ApJson.nonBlank(tag, "name");
                if (name != null) {
                    name = name.strip();
                    name = (name.startsWith("#") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
                    if (!name.isEmpty()) {
                        hashtags.add(name);
                    }
                }
            } else if (ApJson.hasType(tag, "Emoji")) {
                String name = ApJson.nonBlank(tag, "name");
                String image = ApJson.url(ApJson.field(tag, "icon"), null);
                if (name != null && image != null) {
                    String shortcode = name.strip().replaceAll("^:|:$", "");
                    if (SHORTCODE.matcher(shortcode).matches()) {
                        emojis.putIfAbsent(shortcode, image);
                    }
                }
            }
        }
    }

    /** Attachments with a URL and a mediaType, typed as Mastodon types remote media. */
    private static List<RemoteMedia> media(JsonNode object) {
        List<RemoteMedia> media = new ArrayList<>();
        for (JsonNode attachment : ApJson.list(object, "attachment")) {
            if (!attachment.isObject() || ApJson.types(attachment).stream().noneMatch(MEDIA_TYPES::contains)) {
                continue;
            }
            String mediaType = ApJson.nonBlank(attachment, "mediaType");
            String url = ApJson.url(attachment, null);
            if (mediaType == null || url == null) {
                continue;
            }
            String description = ApJson.nonBlank(attachment, "name");
            if (description == null) {
                description = ApJson.nonBlank(attachment, "summary");
            }
            media.add(new RemoteMedia(url, mastodonType(mediaType), mediaType, description,
                    ApJson.nonBlank(attachment, "blurhash"), ApJson.integer(attachment, "width"),
                    ApJson.integer(attachment, "height")));
        }
        return media;
    }

    /**
     * Mastodon's media type from a MIME type. Remote GIFs stay {@code image} and silent videos stay
     * {@code video}: Mastodon only turns media into {@code gifv} when it transcodes a download,
     * which we do not do for remote media shown from its remote URL.
     */
    static String mastodonType(String mediaType) {
        String mime = mediaType.toLowerCase(Locale.ROOT).strip();
        if (mime.startsWith("image/")) {
            return "image";
        }
        if (mime.startsWith("video/")) {
            return "video";
        }
        if (mime.startsWith("audio/")) {
            return "audio";
        }
        return "unknown";
    }

    /** A Question's options: {@code oneOf} (single choice) or {@code anyOf} (multiple choice). */
    private static RemotePoll poll(JsonNode question) {
        boolean multiple = ApJson.field(question, "oneOf") == null && ApJson.field(question, "anyOf") != null;
        List<String> options = new ArrayList<>();
        List<Integer> votes = new ArrayList<>();
        for (JsonNode option : ApJson.list(question, multiple ? "anyOf" : "oneOf")) {
            String name = option.isObject() ? ApJson.text(option, "name") : null;
            if (name == null) {
                continue;
            }
            Integer count = ApJson.integer(ApJson.field(option, "replies"), "totalItems");
            options.add(HtmlSanitizer.toPlainText(name));
            votes.add(count == null ? 0 : Math.max(0, count));
        }
        if (options.isEmpty()) {
            return null; // Mastodon stores such a Question as a plain post
        }
        var expiresAt = ApJson.instant(question, "endTime");
        if (expiresAt == null) {
            expiresAt = ApJson.instant(question, "closed"); // closed may also be a boolean: then unknown
        }
        return new RemotePoll(options, votes, multiple, expiresAt, ApJson.integer(question, "votersCount"));
    }

    private static String plainOrNull(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        String text = HtmlSanitizer.toPlainText(html);
        return text.isBlank() ? null : text;
    }
}
