package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * An activity as read: {@code object} is the object's id, {@code objectNode} the embedded object
 * when there is one (null when only an id was sent).
 */
public record ParsedActivity(String id, String type, String actor, String object, JsonNode objectNode,
                             String target, List<String> to, List<String> cc, Instant published) {}
