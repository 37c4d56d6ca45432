package social.herd.platform.impl.id;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import social.herd.api.id.IdGenerator;

/**
 * Mastodon-style ids: {@code millis << 16 | sequence}, strictly increasing on this node.
 *
 * <p>Within one millisecond the sequence counts up; at the first id of a new millisecond it starts
 * at a random value below 2^15. Starting at random (instead of 0) makes two nodes that create rows
 * in the same millisecond unlikely to pick the same id (primary keys still catch the rare clash),
 * while leaving at least 32768 ids per millisecond. When a millisecond's sequence is used up, or
 * the wall clock steps backwards, ids simply run ahead of the clock for a while: order is kept.
 */
@Component
public final class TimeSortableIdGenerator implements IdGenerator {

    private static final int SEQUENCE_BITS = 16;
    private static final int RANDOM_START_BOUND = 1 << 15;

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    /** Uses the system clock. */
    @Activate
    public TimeSortableIdGenerator() {
        this(Clock.systemUTC());
    }

    /** For tests that control time. */
    public TimeSortableIdGenerator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long nextId() {
        while (true) {
            long prev = last.get();
            long millis = clock.millis();
            long next;
            if (millis > (prev >>> SEQUENCE_BITS)) {
                next = (millis << SEQUENCE_BITS) | ThreadLocalRandom.current().nextInt(RANDOM_START_BOUND);
            } else {
                next = prev + 1; // same millisecond, clock stepped back, or sequence overflowed
            }
            if (last.compareAndSet(prev, next)) return next;
        }
    }

    @Override
    public long lowestIdAt(Instant time) {
        return time.toEpochMilli() << SEQUENCE_BITS;
    }

    @Override
    public Instant timeOf(long id) {
        return Instant.ofEpochMilli(id >>> SEQUENCE_BITS);
    }
}
