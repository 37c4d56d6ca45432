package social.herd.streaming.impl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What travels on the {@value #CHANNEL} pub/sub channel from the node that handled a domain event
 * to every streaming node: which event, the id of the entity to render, and the routing keys of the
 * streams it goes to. Entities are never carried: each node renders them for each viewer, so
 * visibility, blocks and filters are decided per connection. Example:
 * {@code {"event":"update","id":7,"author":3,"media":true,"to":["public","public:local","user:3"]}}.
 *
 * @param event        the streaming event: {@code update}, {@code status.update}, {@code delete},
 *                     {@code notification}, {@code conversation} or {@code filters_changed}
 * @param id           the status, notification or conversation id; null for {@code filters_changed}
 * @param author       for status events, the author (to drop authors hidden from a viewer)
 * @param reblogAuthor for a reblog, the reblogged status's author; else null
 * @param media        for status events, whether it has media (the {@code :media} streams)
 * @param to           routing keys, see {@link Keys}
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record StreamMessage(String event, Long id, Long author, Long reblogAuthor, boolean media, List<String> to) {

    /** The one pub/sub channel every streaming node listens on. */
    public static final String CHANNEL = "streaming";

    /** Routing keys per message: a post by an account with many followers is split into several. */
    public static final int MAX_KEYS = 500;

    public static final String UPDATE = "update", STATUS_UPDATE = "status.update", DELETE = "delete",
            NOTIFICATION = "notification", CONVERSATION = "conversation", FILTERS_CHANGED = "filters_changed";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public StreamMessage {
        Objects.requireNonNull(event, "event");
        to = to == null ? List.of() : List.copyOf(to);
    }

    /** True for {@code update} and {@code status.update}: a status rendered per viewer. */
    public boolean carriesStatus() {
        return UPDATE.equals(event) || STATUS_UPDATE.equals(event);
    }

    /** This message once per {@link #MAX_KEYS} routing keys. */
    public List<StreamMessage> split() {
        if (to.size() <= MAX_KEYS) return List.of(this);
        List<StreamMessage> parts = new ArrayList<>();
        for (int i = 0; i < to.size(); i += MAX_KEYS) {
            parts.add(new StreamMessage(event, id, author, reblogAuthor, media, to.subList(i, Math.min(to.size(), i + MAX_KEYS))));
        }
        return parts;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stream message not serialisable", e);
        }
    }

    /** Parses a message; null when it is not one (a newer node's format, garbage on the channel). */
    public static StreamMessage parse(String json) {
        try {
            StreamMessage m = JSON.readValue(json, StreamMessage.class);
            return m.event() == null ? null : m;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
