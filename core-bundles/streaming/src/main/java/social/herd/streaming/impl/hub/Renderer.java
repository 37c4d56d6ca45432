package social.herd.streaming.impl.hub;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.timelines.TimelineEntities;
import social.herd.streaming.impl.StreamMessage;
import social.herd.web.api.Json;

/**
 * Renders the payload of a message for one viewer: statuses through {@link StatusDirectory} (which
 * leaves out what the viewer may not see and applies their filters), notifications and
 * conversations through the timelines bundle's {@link TimelineEntities}. Authors the viewer blocks
 * or mutes (or who block the viewer) are dropped first; that set is cached per viewer for a short
 * while, because every message to every open stream would otherwise ask the database.
 */
final class Renderer {

    private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);

    private final StatusDirectory statuses;
    private final SocialGraph graph;
    private final Supplier<TimelineEntities> timelines;
    private final long hiddenTtlNanos;
    private final Map<Long, Hidden> hidden = new ConcurrentHashMap<>();

    private record Hidden(Set<Long> accounts, long loadedAt) {}

    /** @param timelines the timelines bundle's service, or null while it is not there */
    Renderer(StatusDirectory statuses, SocialGraph graph, Supplier<TimelineEntities> timelines, long hiddenTtlMillis) {
        this.statuses = statuses;
        this.graph = graph;
        this.timelines = timelines;
        this.hiddenTtlNanos = hiddenTtlMillis * 1_000_000L;
    }

    /**
     * The payload of {@code m} for {@code viewer}: JSON of the entity, the id for {@code delete}, ""
     * for {@code filters_changed}; empty when the viewer must not get it at all.
     */
    Optional<String> payload(long viewer, StreamMessage m, String filterContext) {
        return switch (m.event()) {
            case StreamMessage.UPDATE, StreamMessage.STATUS_UPDATE -> status(viewer, m, filterContext);
            case StreamMessage.DELETE -> m.id() == null ? Optional.empty() : Optional.of(Long.toString(m.id()));
            case StreamMessage.FILTERS_CHANGED -> Optional.of("");
            case StreamMessage.NOTIFICATION -> entity(m, t -> t.notification(viewer, m.id()));
            case StreamMessage.CONVERSATION -> entity(m, t -> t.conversation(viewer, m.id()));
            default -> Optional.empty();
        };
    }

    private Optional<String> status(long viewer, StreamMessage m, String filterContext) {
        if (m.id() == null) return Optional.empty();
        Set<Long> hiddenFrom = hiddenFrom(viewer);
        if (m.author() != null && hiddenFrom.contains(m.author())) return Optional.empty();
        if (m.reblogAuthor() != null && hiddenFrom.contains(m.reblogAuthor())) return Optional.empty();
        Object entity = statuses.render(viewer, List.of(m.id()), filterContext).get(m.id());
        return entity == null ? Optional.empty() : Optional.of(Json.write(entity));
    }

    private Optional<String> entity(StreamMessage m, Function<TimelineEntities, Optional<Object>> render) {
        TimelineEntities t = timelines.get();
        if (t == null || m.id() == null) {
            LOG.debug("stream event not rendered: no timelines service event={} id={}", m.event(), m.id());
            return Optional.empty();
        }
        return render.apply(t).map(Json::write);
    }

    private Set<Long> hiddenFrom(long viewer) {
        long now = System.nanoTime();
        Hidden h = hidden.get(viewer);
        if (h == null || now - h.loadedAt() > hiddenTtlNanos) {
            h = new Hidden(Set.copyOf(graph.hiddenFrom(viewer)), now);
            hidden.put(viewer, h);
        }
        return h.accounts();
    }

    /** Forgets a viewer who has no stream open on this node any more. */
    void forget(long viewer) {
        hidden.remove(viewer);
    }
}
