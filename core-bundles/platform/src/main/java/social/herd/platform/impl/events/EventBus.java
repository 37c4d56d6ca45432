package social.herd.platform.impl.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Tx;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.Events;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.jobs.Job;
import social.herd.api.jobs.JobHandler;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;

/**
 * Domain events over the durable job queue. Publishing writes one job per event in the publisher's
 * transaction (so an event exists exactly when its fact does); the job hands the event to every
 * subscriber on the node that runs it. A subscriber that fails gets a delivery job of its own, so
 * its retries never repeat the others'.
 */
@Component(service = {Events.class, JobHandler.class},
        property = {JobHandler.TYPE + "=" + EventBus.DISPATCH, JobHandler.TYPE + "=" + EventBus.DELIVER})
public final class EventBus implements Events, JobHandler {

    static final String DISPATCH = "event.dispatch";
    static final String DELIVER = "event.deliver";

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobQueue queue;
    private final Map<String, Subscription> subscribers = new ConcurrentHashMap<>();

    private record Subscription(EventSubscriber subscriber, List<String> types) {}

    private final SubscriberRegistry registry; // null in tests that wire the bus by hand

    @Activate
    public EventBus(@Reference JobQueue queue, @Reference Database db,
                    @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.platform)") SchemaReady schema) {
        this.queue = queue;
        this.registry = new SubscriberRegistry(db);
    }

    /** A bus that knows only the subscribers registered on it (tests). */
    public EventBus(JobQueue queue) {
        this.queue = queue;
        this.registry = null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addSubscriber(EventSubscriber s, Map<String, Object> props) {
        Object name = props.get(EventSubscriber.NAME);
        List<String> types = strings(props.get(EventSubscriber.TYPES));
        if (name == null || types.isEmpty()) {
            LOG.warn("event subscriber {} lacks {} or {}; ignored", s.getClass().getName(), EventSubscriber.NAME,
                    EventSubscriber.TYPES);
            return;
        }
        subscribers.put(name.toString(), new Subscription(s, types));
        if (registry != null) {
            try {
                registry.remember(name.toString(), types);
            } catch (RuntimeException e) {
                LOG.warn("event subscriber {} not recorded: {}", name, e.toString());
            }
        }
    }

    public void removeSubscriber(EventSubscriber s, Map<String, Object> props) {
        Object name = props.get(EventSubscriber.NAME);
        if (name != null) subscribers.computeIfPresent(name.toString(), (k, v) -> v.subscriber() == s ? null : v);
    }

    @Override
    public void publish(Tx tx, Event event) {
        queue.enqueue(tx, JobRequest.of(Queues.DEFAULT, DISPATCH, write(Map.of("type", event.type(), "data", event.data()))));
    }

    @Override
    public void handle(Job job) throws Exception {
        Map<String, Object> payload = JSON.readValue(job.payload(), new TypeReference<LinkedHashMap<String, Object>>() {});
        @SuppressWarnings("unchecked")
        Event event = new Event((String) payload.get("type"), (Map<String, Object>) payload.get("data"));
        if (DELIVER.equals(job.type())) {
            String name = (String) payload.get("subscriber");
            Subscription s = subscribers.get(name);
            // a subscriber not (yet) registered on this node: retry, it may be starting or live elsewhere
            if (s == null) throw new IllegalStateException("event subscriber not registered here: " + name);
            s.subscriber().on(event);
            return;
        }
        List<String> failed = new ArrayList<>();
        // one view of who is registered for the whole dispatch: on a node still starting (after a
        // crash) a subscriber may register while this runs; checked live, it could be missed by the
        // loop below yet count as "registered here" for the registry check, and get the event from
        // neither. With the snapshot it gets its own delivery job instead.
        Map<String, Subscription> registered = Map.copyOf(subscribers);
        for (Map.Entry<String, Subscription> e : registered.entrySet()) {
            if (!e.getValue().types().contains(event.type())) continue;
            try {
                e.getValue().subscriber().on(event);
            } catch (Exception | LinkageError ex) {
                LOG.warn("event delivery failed subscriber={} type={} error={}; retrying on its own", e.getKey(),
                        event.type(), ex.toString());
                failed.add(e.getKey());
            }
        }
        if (registry != null) {
            // known elsewhere (or before a restart) but not registered here yet: its own job retries
            // until it is, so a crash or a node still starting never loses the event for it
            for (Map.Entry<String, List<String>> k : registry.known().entrySet()) {
                if (!registered.containsKey(k.getKey()) && k.getValue().contains(event.type())) failed.add(k.getKey());
            }
        }
        for (String name : failed) {
            Map<String, Object> p = new LinkedHashMap<>(payload);
            p.put("subscriber", name);
            queue.enqueue(JobRequest.of(Queues.DEFAULT, DELIVER, write(p)));
        }
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not JSON-serialisable", e);
        }
    }

    private static List<String> strings(Object v) {
        if (v instanceof String s) return List.of(s);
        if (v instanceof String[] a) return List.of(a);
        if (v instanceof java.util.Collection<?> c) return c.stream().map(Object::toString).toList();
        return List.of();
    }
}
