package social.herd.platform.impl.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import social.herd.api.jobs.Queues;
import social.herd.platform.impl.config.Props;

/**
 * Worker settings from PID {@value #PID}: {@code workers_<queue>} (threads per queue),
 * {@code queues} (comma-separated: only these queues get workers on this node; the scheduler lane is
 * always kept, as periodic tasks run wherever the scheduler lease is),
 * {@code lease_seconds}, {@code poll_ms} (at most 1000), {@code backoff_base_ms},
 * {@code backoff_max_seconds} and {@code shutdown_grace_seconds}.
 *
 * @param workers       threads per queue; 0 switches a queue off on this node
 * @param lease         how long a claim is valid without a heartbeat; a killed worker's jobs run
 *                      again this long after its last heartbeat
 * @param poll          longest wait between looks at the queue (NOTIFY usually wakes us sooner)
 * @param backoffBase   delay unit of the exponential backoff: retry n waits about base * 2^n
 * @param backoffMax    cap of one backoff delay
 * @param shutdownGrace how long deactivation waits for running jobs before releasing them
 */
public record JobSettings(Map<String, Integer> workers, Duration lease, Duration poll, Duration backoffBase,
        Duration backoffMax, Duration shutdownGrace) {

    /** ConfigAdmin PID of the job queue settings. */
    public static final String PID = "social.herd.jobs";

    /** Reads the settings; every key is optional. */
    public static JobSettings from(Map<String, ?> properties) {
        Props p = new Props(PID, properties);
        Map<String, Integer> workers = new LinkedHashMap<>();
        java.util.Set<String> only = queues(properties.get("queues"));
        for (String q : Queues.ALL) {
            // deliveries wait on other servers, not on us: more of them run at once
            int fallback = Queues.PUSH.equals(q) ? 8 : Queues.DEFAULT.equals(q) || Queues.INGRESS.equals(q) ? 2 : 1;
            boolean on = only.isEmpty() || only.contains(q) || Queues.SCHEDULER.equals(q);
            workers.put(q, on ? p.integer("workers_" + q, fallback, 0, 256) : 0);
        }
        return new JobSettings(Map.copyOf(workers),
                Duration.ofSeconds(p.integer("lease_seconds", 60, 1, 86_400)),
                Duration.ofMillis(p.integer("poll_ms", 500, 10, 1_000)),
                Duration.ofMillis(p.integer("backoff_base_ms", 1_000, 1, 3_600_000)),
                Duration.ofSeconds(p.integer("backoff_max_seconds", 3_600, 1, 7 * 86_400)),
                Duration.ofSeconds(p.integer("shutdown_grace_seconds", 5, 0, 300)));
    }

    /** Settings for a node that runs no workers: only the scheduler lane, for periodic tasks when it holds the lease. */
    public JobSettings schedulerOnly() {
        Map<String, Integer> w = new LinkedHashMap<>();
        for (String q : Queues.ALL) w.put(q, Queues.SCHEDULER.equals(q) ? Math.max(1, workers.getOrDefault(q, 1)) : 0);
        return new JobSettings(Map.copyOf(w), lease, poll, backoffBase, backoffMax, shutdownGrace);
    }

    /** The {@code queues} setting: names from {@link Queues#ALL}; unknown names are refused. */
    static java.util.Set<String> queues(Object raw) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (raw == null) return out;
        for (String q : raw.toString().split(",")) {
            String name = q.strip().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty()) continue;
            if (!Queues.ALL.contains(name)) throw new IllegalArgumentException(PID + " queues: unknown queue " + name);
            out.add(name);
        }
        return out;
    }

    /**
     * The delay before retry number {@code attempt} (1 after the first failure): exponential,
     * capped, with "equal jitter" (half fixed, half random) so that a burst of jobs failing together
     * (a remote server went down) does not come back as a burst.
     */
    public Duration backoff(int attempt, double random) {
        double exp = backoffBase.toMillis() * Math.pow(2, Math.min(attempt, 40));
        double capped = Math.min(exp, backoffMax.toMillis());
        return Duration.ofMillis((long) (capped / 2 + capped / 2 * random));
    }
}
