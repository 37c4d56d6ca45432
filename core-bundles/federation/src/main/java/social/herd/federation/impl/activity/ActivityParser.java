package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** Reads the envelope of an incoming activity; the object is read by the handler that needs it. */
public final class ActivityParser {

    /** Types we apply; others are read with their first type kept so the caller can skip them. */
    static final Set<String> KNOWN = Set.of("Create", "Update", "Delete", "Follow", "Accept", "Reject", "Undo", "Like",
            "Announce", "Block", "Flag", "Move", "Add", "Remove", "EmojiReact");

    private ActivityParser() {}

    public static ParsedActivity parse(JsonNode a) {
        if (a == null || !a.isObject()) throw new ActivityFormatException("not an object");
        List<String> types = ApJson.types(a);
        String type = types.stream().filter(KNOWN::contains).findFirst().orElse(types.isEmpty() ? "" : types.get(0));
        JsonNode object = a.path("object");
        if (object.isArray()) object = object.isEmpty() ? null : object.get(0);
        JsonNode embedded = object != null && object.isObject() ? object : null;
        return new ParsedActivity(ApJson.id(a.path("id")), type, ApJson.id(a.path("actor")), ApJson.id(object),
                embedded, ApJson.id(a.path("target")), ApJson.ids(a, "to"), ApJson.ids(a, "cc"),
                ApJson.instant(a, "published"));
    }
}
