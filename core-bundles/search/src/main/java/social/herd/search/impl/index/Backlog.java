package social.herd.search.impl.index;

import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;

/**
 * The durable list of index work ({@code search_backlog}). Status events add to it; the
 * {@link IndexWorker} empties it into the engine. Kept in PostgreSQL, which every node needs
 * anyway, so an engine outage of any length loses nothing.
 */
@Component(service = Backlog.class)
public final class Backlog {

    /** Index (or remove, when gone) a post. */
    public static final String STATUS = "s";
    /** Remove an account's documents. */
    public static final String ACCOUNT_GONE = "a";
    /** Index an account's posts again. */
    public static final String ACCOUNT_BACK = "u";

    private final Database db;

    @Activate
    public Backlog(@Reference Database db, @Reference(target = "(herd.schema=social.herd.search)") SchemaReady schema) {
        this.db = db;
    }

    /** Queues work in a transaction of its own. */
    public void add(String kind, long targetId) {
        db.transaction(tx -> tx.mapper(BacklogMapper.class).add(kind, targetId));
    }

    /** How many pieces of work wait. */
    public long size() {
        return db.read(tx -> tx.mapper(BacklogMapper.class).size());
    }

    /** How long the oldest piece of work has waited: the indexing lag; zero when none waits. */
    public Duration lag() {
        Instant oldest = db.read(tx -> tx.mapper(BacklogMapper.class).oldest());
        return oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now()).isNegative()
                ? Duration.ZERO : Duration.between(oldest, Instant.now());
    }

    Database db() {
        return db;
    }
}
