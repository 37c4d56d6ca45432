package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * An activity as read by {@link ActivityParser}: who did what to which object.
 *
 * @param id the activity's id; null when the server sent none (GoToSocial's {@code Delete})
 * @param type the first type we handle (see {@link ActivityParser#HANDLED_TYPES}), else the first type
 * @param actor the actor's id
 * @param objectId the object's id (the object may be sent as an id, an embedded object or an array of one)
 * @param object the embedded object when the activity carried one (a Note in a Create, a Follow in an
 *     Undo, a Tombstone in a Delete), else null; never trusted by itself, the caller decides
 * @param target the target's id (Add/Remove: the collection), null when none
 * @param to addressees
 * @param cc copied addressees
 * @param published when the activity was published, null when not given
 * @param content the activity's own content: the emoji of an EmojiReact or a Misskey reaction Like,
 *     the comment of a Flag; null when none
 */
public record ParsedActivity(String id, String type, String actor, String objectId, JsonNode object,
                             String target, List<String> to, List<String> cc, Instant published, String content) {

    public ParsedActivity {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
    }

    /** Whether {@link #type} is one we handle; unknown activities are parsed so the caller can skip them. */
    public boolean handled() {
        return ActivityParser.HANDLED_TYPES.contains(type);
    }

    /** The first type of the embedded object, null when the object was sent by id only. */
    public String objectType() {
        return object == null ? null : ApJson.types(object).stream().findFirst().orElse(null);
    }
}
