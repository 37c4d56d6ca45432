package social.herd.api.id;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Issues time-sortable 64-bit ids: {@code millis << 16 | sequence}. Ids from one node are strictly
 * increasing; ids from different nodes sort by creation time to the millisecond.
 */
@ProviderType
public interface IdGenerator {

    /** A new id for something created now. */
    long nextId();

    /** The smallest id that could have been issued at {@code time}: for paging by date. */
    long lowestIdAt(Instant time);

    /** The creation time encoded in an id. */
    Instant timeOf(long id);
}
