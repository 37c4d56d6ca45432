package social.herd.federation.impl.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.herd.api.federation.FederatedStatuses;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;
import social.herd.federation.impl.LocalUris;
import social.herd.web.api.Json;

/**
 * Local posts as ActivityPub {@code Note}s (or {@code Question}s for polls), addressed as Mastodon
 * addresses them: public → to Public, cc followers; unlisted → to followers, cc Public;
 * followers-only → to followers; direct → only the mentioned. Mentioned actors are always cc'd.
 * Built from the statuses bundle's own rendering (seen as the author), so content, media and
 * polls are exactly what the author's clients show.
 */
public final class NoteRenderer {

    /** A note with its addressing, ready to be wrapped in an activity. */
    public record Note(Map<String, Object> object, List<String> to, List<String> cc, StatusFacts facts,
                       String actor) {}

    private final StatusDirectory statuses;
    private final FederatedStatuses federated;
    private final ActorUris actors;
    private final LocalUris uris;

    public NoteRenderer(StatusDirectory statuses, FederatedStatuses federated, ActorUris actors, LocalUris uris) {
        this.statuses = statuses;
        this.federated = federated;
        this.actors = actors;
        this.uris = uris;
    }

    /** The note of local status {@code statusId}; empty when it is not a local, live post. */
    public Optional<Note> note(long statusId) {
        Optional<StatusFacts> found = statuses.facts(statusId);
        if (found.isEmpty() || !found.get().local() || found.get().deleted() || found.get().isReblog()) {
            return Optional.empty();
        }
        StatusFacts f = found.get();
        Object entity = statuses.render(f.accountId(), List.of(statusId), null).get(statusId);
        Optional<String> username = actors.localUsername(f.accountId());
        if (entity == null || username.isEmpty()) return Optional.empty();
        JsonNode e = Json.mapper().valueToTree(entity);
        String actor = uris.actor(username.get());
        Map<Long, String> mentioned = actors.of(f.mentions());
        Addressing a = address(f.visibility(), uris.followers(username.get()), mentioned.values());
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("@context", Documents.CONTEXT);
        n.put("id", uris.status(username.get(), statusId));
        JsonNode poll = e.path("poll");
        n.put("type", poll.isObject() ? "Question" : "Note");
        String spoiler = e.path("spoiler_text").asText("");
        n.put("summary", spoiler.isEmpty() ? null : spoiler);
        n.put("inReplyTo", f.inReplyToId() == null ? null : federated.uris(List.of(f.inReplyToId())).get(f.inReplyToId()));
        n.put("published", e.path("created_at").asText());
        if (e.hasNonNull("edited_at")) n.put("updated", e.path("edited_at").asText());
        n.put("url", uris.statusPage(username.get(), statusId));
        n.put("attributedTo", actor);
        n.put("to", a.to());
        n.put("cc", a.cc());
        n.put("sensitive", e.path("sensitive").asBoolean());
        String content = e.path("content").asText("");
        n.put("content", content);
        String language = e.path("language").asText(null);
        if (language != null) n.put("contentMap", Map.of(language, content));
        n.put("attachment", attachments(e.path("media_attachments")));
        n.put("tag", tags(e, mentioned));
        if (poll.isObject()) {
            List<Map<String, Object>> options = new ArrayList<>();
            for (JsonNode o : poll.path("options")) {
                options.add(Map.of("type", "Note", "name", o.path("title").asText(),
                        "replies", Map.of("type", "Collection", "totalItems", o.path("votes_count").asInt(0))));
            }
            n.put(poll.path("multiple").asBoolean() ? "anyOf" : "oneOf", options);
            n.put("endTime", poll.path("expires_at").asText(null));
            if (poll.path("expired").asBoolean()) n.put("closed", poll.path("expires_at").asText(null));
            n.put("votersCount", poll.path("voters_count").asInt(0));
        }
        return Optional.of(new Note(n, a.to(), a.cc(), f, actor));
    }

    /** The option titles of the poll of {@code statusId} as {@code viewerId} sees it (empty without a poll). */
    public List<String> pollOptions(long statusId, long viewerId) {
        Object entity = statuses.render(viewerId, List.of(statusId), null).get(statusId);
        if (entity == null) return List.of();
        List<String> out = new ArrayList<>();
        for (JsonNode o : Json.mapper().valueToTree(entity).path("poll").path("options")) out.add(o.path("title").asText());
        return out;
    }

    /** To and cc for a visibility. */
    public record Addressing(List<String> to, List<String> cc) {}

    public static Addressing address(String visibility, String followers, java.util.Collection<String> mentioned) {
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        switch (visibility) {
            case "public" -> { to.add(Documents.PUBLIC); cc.add(followers); cc.addAll(mentioned); }
            case "unlisted" -> { to.add(followers); cc.add(Documents.PUBLIC); cc.addAll(mentioned); }
            case "private" -> { to.add(followers); cc.addAll(mentioned); }
            default -> to.addAll(mentioned);
        }
        return new Addressing(List.copyOf(to), List.copyOf(cc));
    }

    private static List<Map<String, Object>> attachments(JsonNode media) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode m : media) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("type", "Document");
            String url = m.path("url").asText();
            d.put("mediaType", mediaType(m.path("type").asText(), url));
            d.put("url", url);
            d.put("name", m.path("description").asText(null));
            d.put("blurhash", m.path("blurhash").asText(null));
            JsonNode original = m.path("meta").path("original");
            if (original.has("width")) d.put("width", original.path("width").asInt());
            if (original.has("height")) d.put("height", original.path("height").asInt());
            JsonNode focus = m.path("meta").path("focus");
            if (focus.has("x")) d.put("focalPoint", List.of(focus.path("x").asDouble(), focus.path("y").asDouble()));
            out.add(d);
        }
        return out;
    }

    private static String mediaType(String kind, String url) {
        String u = url.toLowerCase();
        if (u.endsWith(".png")) return "image/png";
        if (u.endsWith(".gif")) return "image/gif";
        if (u.endsWith(".webp")) return "image/webp";
        if (u.endsWith(".mp4")) return "video/mp4";
        if (u.endsWith(".webm")) return "video/webm";
        if (u.endsWith(".mp3")) return "audio/mpeg";
        if (u.endsWith(".ogg")) return "audio/ogg";
        return switch (kind) {
            case "video", "gifv" -> "video/mp4";
            case "audio" -> "audio/mpeg";
            default -> "image/jpeg";
        };
    }

    private List<Map<String, Object>> tags(JsonNode e, Map<Long, String> mentioned) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode m : e.path("mentions")) {
            String href = mentioned.get(Long.parseLong(m.path("id").asText("0")));
            if (href == null) continue;
            String acct = m.path("acct").asText();
            out.add(Map.of("type", "Mention", "href", href,
                    "name", "@" + (acct.contains("@") ? acct : acct + "@" + uris.localDomain())));
        }
        for (JsonNode t : e.path("tags")) {
            out.add(Map.of("type", "Hashtag", "href", t.path("url").asText(), "name", "#" + t.path("name").asText()));
        }
        return out;
    }
}
