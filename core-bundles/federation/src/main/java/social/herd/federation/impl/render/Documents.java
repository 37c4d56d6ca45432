package social.herd.federation.impl.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Writing ActivityPub documents. They are built as maps with literal (camelCase) keys and written
 * with a mapper of our own: the REST API's mapper renames properties to snake_case, which would
 * break JSON-LD terms.
 */
public final class Documents {

    /** {@code Content-Type} of every ActivityPub answer and delivery. */
    public static final String ACTIVITY_JSON = "application/activity+json";
    public static final String LD_JSON = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    public static final String AS = "https://www.w3.org/ns/activitystreams";
    public static final String SECURITY = "https://w3id.org/security/v1";

    /** The extension terms Mastodon declares on actors and notes. */
    public static final Map<String, Object> EXTENSIONS = Map.ofEntries(
            Map.entry("manuallyApprovesFollowers", "as:manuallyApprovesFollowers"),
            Map.entry("toot", "http://joinmastodon.org/ns#"),
            Map.entry("featured", Map.of("@id", "toot:featured", "@type", "@id")),
            Map.entry("featuredTags", Map.of("@id", "toot:featuredTags", "@type", "@id")),
            Map.entry("alsoKnownAs", Map.of("@id", "as:alsoKnownAs", "@type", "@id")),
            Map.entry("movedTo", Map.of("@id", "as:movedTo", "@type", "@id")),
            Map.entry("schema", "http://schema.org#"),
            Map.entry("PropertyValue", "schema:PropertyValue"),
            Map.entry("value", "schema:value"),
            Map.entry("discoverable", "toot:discoverable"),
            Map.entry("indexable", "toot:indexable"),
            Map.entry("sensitive", "as:sensitive"),
            Map.entry("Hashtag", "as:Hashtag"),
            Map.entry("Emoji", "toot:Emoji"),
            Map.entry("blurhash", "toot:blurhash"),
            Map.entry("votersCount", "toot:votersCount"),
            Map.entry("focalPoint", Map.of("@container", "@list", "@id", "toot:focalPoint")));

    /** The {@code @context} of every document we publish. */
    public static final List<Object> CONTEXT = List.of(AS, SECURITY, EXTENSIONS);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Documents() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write document", e);
        }
    }

    public static byte[] bytes(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write document", e);
        }
    }

    public static JsonNode tree(Object document) {
        return MAPPER.valueToTree(document);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
