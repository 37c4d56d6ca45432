package social.herd.platform.impl.events;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.herd.api.db.Database;

/**
 * The cluster-wide list of event subscribers (table {@code event_subscribers}): who should hear of
 * an event even when it is not registered on the node that dispatches it. Read often, so cached
 * for a few seconds; a subscriber not registered anywhere for {@value #FORGET_DAYS} days is
 * forgotten (an uninstalled plugin).
 */
final class SubscriberRegistry {

    static final int FORGET_DAYS = 7;
    private static final Duration CACHE = Duration.ofSeconds(10);

    private final Database db;
    private volatile Map<String, List<String>> known = Map.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    SubscriberRegistry(Database db) {
        this.db = db;
    }

    /** Records (or refreshes) a subscriber registered on this node. */
    void remember(String name, List<String> types) {
        db.transaction(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "INSERT INTO event_subscribers (name, types, seen_at) VALUES (?, ?, now())"
                            + " ON CONFLICT (name) DO UPDATE SET types = EXCLUDED.types, seen_at = now()")) {
                Array a = tx.connection().createArrayOf("text", types.toArray());
                ps.setString(1, name);
                ps.setArray(2, a);
                return ps.executeUpdate();
            }
        });
        loadedAt = Instant.EPOCH;
    }

    /** Subscriber names and their event types, as registered anywhere recently. */
    Map<String, List<String>> known() {
        if (Instant.now().isBefore(loadedAt.plus(CACHE))) return known;
        Map<String, List<String>> out = new HashMap<>();
        db.read(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "SELECT name, types FROM event_subscribers WHERE seen_at > now() - make_interval(days => ?)")) {
                ps.setInt(1, FORGET_DAYS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()));
                }
            }
            return null;
        });
        known = Map.copyOf(out);
        loadedAt = Instant.now();
        return known;
    }
}
