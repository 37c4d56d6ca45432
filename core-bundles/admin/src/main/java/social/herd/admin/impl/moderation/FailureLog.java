package social.herd.admin.impl.moderation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs filter failures without flooding: a plugin that throws on every post would otherwise write
 * a line per post. The first failure of a filter is logged at once, later ones at most once a
 * minute with the number left out in between (metrics and the decisions log count every one).
 */
final class FailureLog {

    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    FailureLog(Logger log) {
        this.log = log;
    }

    private static final class Window {
        volatile long loggedAt;
        final AtomicLong suppressed = new AtomicLong();
    }

    void note(String filter, String cause, String detail) {
        Window w = windows.computeIfAbsent(filter, k -> {
            Window fresh = new Window();
            fresh.loggedAt = System.nanoTime() - INTERVAL_NANOS - 1;
            return fresh;
        });
        long now = System.nanoTime();
        synchronized (w) {
            if (now - w.loggedAt < INTERVAL_NANOS) {
                w.suppressed.incrementAndGet();
                return;
            }
            w.loggedAt = now;
        }
        log.warn("moderation filter failed filter={} cause={} detail=\"{}\" not_logged_since_last={}", filter, cause,
                detail.replace('"', '\''), w.suppressed.getAndSet(0));
    }
}
