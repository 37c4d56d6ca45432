package social.herd.timelines.impl;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.timelines.impl.Entities.Marker;
import social.herd.timelines.impl.db.MarkerMapper;
import social.herd.timelines.impl.db.MarkerRow;

/**
 * Mastodon's markers: where a user stopped reading the home timeline and the notifications, so
 * that their other apps continue there. Each update raises the marker's version.
 */
@Component(service = MarkerService.class)
public final class MarkerService {

    public static final String HOME = "home";
    public static final String NOTIFICATIONS = "notifications";
    /** The timelines that have markers; other names are ignored, as Mastodon does. */
    public static final List<String> TIMELINES = List.of(HOME, NOTIFICATIONS);

    private final Database db;
    private final Clock clock;

    @Activate
    public MarkerService(@Reference Database db,
                         @Reference(target = "(herd.schema=social.herd.timelines)") SchemaReady schema) {
        this(db, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public MarkerService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The viewer's markers of the named timelines that exist, keyed by timeline. */
    public Map<String, Marker> get(long viewerId, Collection<String> timelines) {
        List<String> wanted = timelines.stream().filter(TIMELINES::contains).distinct().toList();
        if (wanted.isEmpty()) return Map.of();
        return entities(db.read(tx -> tx.mapper(MarkerMapper.class).of(viewerId, wanted)));
    }

    /** Sets the positions given (timeline to last read id), in one transaction; answers the markers set. */
    public Map<String, Marker> set(long viewerId, Map<String, Long> positions) {
        Map<String, Long> known = new LinkedHashMap<>();
        positions.forEach((timeline, id) -> {
            if (TIMELINES.contains(timeline)) known.put(timeline, id);
        });
        if (known.isEmpty()) return Map.of();
        return entities(db.transaction(tx -> {
            MarkerMapper m = tx.mapper(MarkerMapper.class);
            return known.entrySet().stream().map(e -> m.set(viewerId, e.getKey(), e.getValue(), clock.instant())).toList();
        }));
    }

    private static Map<String, Marker> entities(List<MarkerRow> rows) {
        Map<String, Marker> out = new LinkedHashMap<>();
        for (MarkerRow r : rows) out.put(r.timeline(), new Marker(Long.toString(r.lastReadId()), r.version(), r.updatedAt()));
        return out;
    }
}
