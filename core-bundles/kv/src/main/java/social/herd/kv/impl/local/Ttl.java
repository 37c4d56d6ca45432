package social.herd.kv.impl.local;

import java.time.Duration;

/** Argument checks for durations shared by the in-process and Redis implementations. */
public final class Ttl {

    private Ttl() {}

    /** Returns {@code d} if it is at least one millisecond (Redis' resolution), else throws. */
    public static Duration checked(Duration d) {
        if (d == null || d.toMillis() < 1) throw new IllegalArgumentException("duration must be at least 1 ms: " + d);
        return d;
    }
}
