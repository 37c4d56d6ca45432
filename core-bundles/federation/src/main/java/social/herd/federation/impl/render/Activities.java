package social.herd.federation.impl.render;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders for the activities this server sends, with Mastodon's id conventions. Activities that
 * can repeat between the same two parties (follow, unfollow, follow again) get a time-based suffix
 * so a receiver that deduplicates by id never mistakes the second one for the first.
 */
public final class Activities {

    private Activities() {}

    public static Map<String, Object> create(NoteRenderer.Note note) {
        Map<String, Object> object = new LinkedHashMap<>(note.object());
        object.remove("@context");
        Map<String, Object> a = base(object.get("id") + "/activity", "Create", note.actor());
        a.put("published", object.get("published"));
        a.put("to", note.to());
        a.put("cc", note.cc());
        a.put("object", object);
        return a;
    }

    public static Map<String, Object> update(NoteRenderer.Note note) {
        Map<String, Object> object = new LinkedHashMap<>(note.object());
        object.remove("@context");
        Map<String, Object> a = base(object.get("id") + "#updates/" + Instant.now().toEpochMilli(), "Update", note.actor());
        a.put("published", object.getOrDefault("updated", object.get("published")));
        a.put("to", note.to());
        a.put("cc", note.cc());
        a.put("object", object);
        return a;
    }

    public static Map<String, Object> deleteNote(String actor, String noteUri, List<String> to, List<String> cc) {
        Map<String, Object> a = base(noteUri + "#delete", "Delete", actor);
        a.put("to", to);
        a.put("cc", cc);
        a.put("object", Map.of("id", noteUri, "type", "Tombstone", "atomUri", noteUri));
        return a;
    }

    public static Map<String, Object> announce(String id, String actor, String objectUri, String published,
                                               List<String> to, List<String> cc) {
        Map<String, Object> a = base(id, "Announce", actor);
        a.put("published", published);
        a.put("to", to);
        a.put("cc", cc);
        a.put("object", objectUri);
        return a;
    }

    public static Map<String, Object> like(String actor, String objectUri) {
        Map<String, Object> a = base(actor + "#likes/" + stamp(), "Like", actor);
        a.put("object", objectUri);
        return a;
    }

    public static Map<String, Object> follow(String actor, String target) {
        Map<String, Object> a = base(actor + "#follows/" + stamp(), "Follow", actor);
        a.put("object", target);
        return a;
    }

    public static Map<String, Object> block(String actor, String target) {
        Map<String, Object> a = base(actor + "#blocks/" + stamp(), "Block", actor);
        a.put("object", target);
        return a;
    }

    /**
     * {@code Move} of a local account to {@code target}, as Mastodon sends it to the followers:
     * object is the moving actor itself, and the target's document must list it in alsoKnownAs.
     */
    public static Map<String, Object> move(String actor, String target, String followers) {
        Map<String, Object> a = base(actor + "#moves/" + stamp(), "Move", actor);
        a.put("object", actor);
        a.put("target", target);
        a.put("to", List.of(followers));
        return a;
    }

    /**
     * {@code Flag} of a remote account and some of its posts, forwarded from a local report as
     * Mastodon does: anonymous (the instance actor reports), the reporter's comment as content.
     */
    public static Map<String, Object> flag(String instanceActor, List<String> objects, String comment) {
        Map<String, Object> a = base(instanceActor + "#flags/" + stamp(), "Flag", instanceActor);
        a.put("content", comment == null ? "" : comment);
        a.put("object", objects);
        return a;
    }

    /** Accept or Reject of a remote Follow, embedding it with its original id as Mastodon does. */
    public static Map<String, Object> answerFollow(String type, String actor, String followId, String follower) {
        Map<String, Object> follow = new LinkedHashMap<>();
        follow.put("id", followId);
        follow.put("type", "Follow");
        follow.put("actor", follower);
        follow.put("object", actor);
        Map<String, Object> a = base(actor + "#" + type.toLowerCase() + "s/follows/" + stamp(), type, actor);
        a.put("object", follow);
        return a;
    }

    /** Undo of an activity, embedded without its context. */
    public static Map<String, Object> undo(String actor, Map<String, Object> activity) {
        Map<String, Object> inner = new LinkedHashMap<>(activity);
        inner.remove("@context");
        Map<String, Object> a = base(inner.get("id") + "/undo", "Undo", actor);
        a.put("object", inner);
        return a;
    }

    public static Map<String, Object> updateActor(Map<String, Object> person) {
        Map<String, Object> object = new LinkedHashMap<>(person);
        object.remove("@context");
        String actor = (String) person.get("id");
        Map<String, Object> a = base(actor + "#updates/" + stamp(), "Update", actor);
        a.put("to", List.of(Documents.PUBLIC));
        a.put("object", object);
        return a;
    }

    public static Map<String, Object> deleteActor(String actor) {
        Map<String, Object> a = base(actor + "#delete", "Delete", actor);
        a.put("to", List.of(Documents.PUBLIC));
        a.put("object", actor);
        return a;
    }

    public static Map<String, Object> vote(String actor, long voteKey, String pollUri, String pollAuthor, String name) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("id", actor + "#votes/" + voteKey);
        note.put("type", "Note");
        note.put("name", name);
        note.put("attributedTo", actor);
        note.put("to", List.of(pollAuthor));
        note.put("inReplyTo", pollUri);
        Map<String, Object> a = base(actor + "#votes/" + voteKey + "/activity", "Create", actor);
        a.put("to", List.of(pollAuthor));
        a.put("object", note);
        return a;
    }

    private static Map<String, Object> base(String id, String type, String actor) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("@context", Documents.CONTEXT);
        a.put("id", id);
        a.put("type", type);
        a.put("actor", actor);
        return a;
    }

    private static String stamp() {
        return java.util.UUID.randomUUID().toString();
    }
}
