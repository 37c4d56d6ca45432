package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Reads the envelope of an activity delivered to an inbox (or found in an outbox): type, actor,
 * object, target and addressing. What the object means is left to the handler of each type; this
 * only normalises the shapes servers send: {@code actor} as an id or an embedded actor, {@code object}
 * as an id, an embedded object or an array of one, {@code to}/{@code cc} as one value or many.
 */
public final class ActivityParser {

    /** Activity types the inbox handles. EmojiReact (Pleroma/Akkoma) is treated like Like later. */
    public static final Set<String> HANDLED_TYPES = Set.of("Create", "Update", "Delete", "Follow", "Accept", "Reject",
            "Undo", "Like", "Announce", "Block", "Flag", "Move", "Add", "Remove", "EmojiReact");

    private ActivityParser() {}

    /**
     * @throws ActivityFormatException when the document is not an object, has no type or no actor.
     *     An unknown type is not an error: the activity is returned and {@link ParsedActivity#handled()}
     *     is false.
     */
    public static ParsedActivity parse(JsonNode activity) throws ActivityFormatException {
        if (activity == null || !activity.isObject()) {
            throw new ActivityFormatException("activity is not a JSON object");
        }
        List<String> types = ApJson.types(activity);
        if (types.isEmpty()) {
            throw new ActivityFormatException("activity has no type");
        }
        String type = types.stream().filter(HANDLED_TYPES::contains).findFirst().orElse(types.getFirst());
        String actor = ApJson.id(activity, "actor");
        if (actor == null) {
            throw new ActivityFormatException(type + " has no actor");
        }
        JsonNode objectValue = ApJson.field(activity, "object");
        List<JsonNode> objects = ApJson.list(objectValue);
        // "an array of one": a longer array only happens in exotic activities; its first element stands for it
        JsonNode first = objects.isEmpty() ? null : objects.getFirst();
        JsonNode embedded = first != null && first.isObject() ? first : null;
        return new ParsedActivity(ApJson.nonBlank(activity, "id"), type, actor, ApJson.id(first), embedded,
                ApJson.id(activity, "target"), ApJson.ids(activity, "to"), ApJson.ids(activity, "cc"),
                ApJson.instant(activity, "published"), ApJson.nonBlank(activity, "content"));
    }
}
