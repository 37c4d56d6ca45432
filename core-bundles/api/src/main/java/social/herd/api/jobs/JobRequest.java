package social.herd.api.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A job to run.
 *
 * @param queue       one of {@link Queues}
 * @param type        the handler that runs it: matches a {@link JobHandler}'s {@value JobHandler#TYPE} property
 * @param payload     JSON text the handler understands; keep it small (ids, not whole objects)
 * @param runAt       earliest time to run; null means now
 * @param maxAttempts attempts before the job is declared dead (kept for inspection), at least 1
 */
public record JobRequest(String queue, String type, String payload, Instant runAt, int maxAttempts) {

    /** Attempts allowed when a request does not say. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public JobRequest {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(type, "type");
        if (!Queues.ALL.contains(queue)) throw new IllegalArgumentException("unknown queue: " + queue);
        if (type.isBlank()) throw new IllegalArgumentException("job type must not be blank");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        payload = payload == null ? "{}" : payload;
    }

    /** A job on {@code queue} to run now with the default attempt limit. */
    public static JobRequest of(String queue, String type, String payload) {
        return new JobRequest(queue, type, payload, null, DEFAULT_MAX_ATTEMPTS);
    }
}
