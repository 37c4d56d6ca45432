package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import social.herd.api.federation.RemoteAccounts.Field;
import social.herd.api.federation.RemoteAccounts.RemoteActor;

/** Actor documents (Person, Service, Application, Group, Organization) to {@link RemoteActor}. */
public final class ActorParser {

    static final Set<String> ACTOR_TYPES = Set.of("Person", "Service", "Application", "Group", "Organization");

    private ActorParser() {}

    /**
     * @param fetchedFromHost the authority the document came from: its id must be on it, so a
     *                        server cannot publish actors (and keys) for another
     */
    public static RemoteActor parse(JsonNode d, String fetchedFromHost) {
        String type = ApJson.types(d).stream().filter(ACTOR_TYPES::contains).findFirst()
                .orElseThrow(() -> new ActivityFormatException("not an actor"));
        String id = ApJson.id(d.path("id"));
        String inbox = ApJson.id(d.path("inbox"));
        String username = ApJson.text(d, "preferredUsername");
        if (id == null || inbox == null || username == null || username.isBlank()) {
            throw new ActivityFormatException("actor without id, inbox or preferredUsername");
        }
        String host = authority(id);
        if (host == null || (fetchedFromHost != null && !host.equalsIgnoreCase(fetchedFromHost))) {
            throw new ActivityFormatException("actor id " + id + " is not on " + fetchedFromHost);
        }
        JsonNode key = publicKey(d, id);
        List<Field> fields = new ArrayList<>();
        for (JsonNode a : ApJson.nodes(d, "attachment")) {
            if (ApJson.types(a).contains("PropertyValue") && a.path("name").isTextual()) {
                fields.add(new Field(HtmlSanitizer.toPlainText(a.path("name").asText()),
                        HtmlSanitizer.clean(a.path("value").asText(""))));
            }
        }
        if (fields.size() > 4) fields = fields.subList(0, 4);
        String name = ApJson.text(d, "name");
        return new RemoteActor(id, username, host, type, name == null ? "" : HtmlSanitizer.toPlainText(name),
                HtmlSanitizer.clean(ApJson.text(d, "summary")), url(d.path("url")), inbox,
                ApJson.id(d.path("endpoints").path("sharedInbox")), ApJson.id(d.path("outbox")),
                ApJson.id(d.path("followers")), ApJson.id(d.path("following")), ApJson.id(d.path("featured")),
                key == null ? null : ApJson.id(key.path("id")), key == null ? null : ApJson.text(key, "publicKeyPem"),
                image(d.path("icon")), image(d.path("image")), ApJson.bool(d, "manuallyApprovesFollowers"),
                ApJson.bool(d, "discoverable"), ApJson.bool(d, "indexable"), fields, ApJson.instant(d, "published"),
                ApJson.id(d.path("movedTo")));
    }

    /** The key owned by the actor; {@code #main-key} preferred when several are published. */
    private static JsonNode publicKey(JsonNode d, String id) {
        JsonNode best = null;
        for (JsonNode k : ApJson.nodes(d, "publicKey")) {
            if (!k.isObject() || !k.path("publicKeyPem").isTextual()) continue;
            String owner = ApJson.id(k.path("owner"));
            if (owner != null && !owner.equals(id)) continue;
            if (best == null || ApJson.id(k.path("id")) != null && ApJson.id(k.path("id")).endsWith("#main-key")) best = k;
        }
        return best;
    }

    /** A URL given as a string, a Link object or an array of them (text/html preferred). */
    public static String url(JsonNode u) {
        if (u == null || u.isMissingNode() || u.isNull()) return null;
        if (u.isTextual()) return u.asText();
        if (u.isObject()) return u.path("href").isTextual() ? u.path("href").asText() : ApJson.id(u);
        if (u.isArray()) {
            String first = null;
            for (JsonNode x : u) {
                String v = url(x);
                if (v == null) continue;
                if (first == null) first = v;
                if (x.isObject() && x.path("mediaType").asText("").startsWith("text/html")) return v;
            }
            return first;
        }
        return null;
    }

    private static String image(JsonNode i) {
        if (i.isArray()) i = i.isEmpty() ? null : i.get(0);
        if (i == null || i.isMissingNode() || i.isNull()) return null;
        if (i.isTextual()) return i.asText();
        return url(i.path("url"));
    }

    static String authority(String uri) {
        try {
            return URI.create(uri).getAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
