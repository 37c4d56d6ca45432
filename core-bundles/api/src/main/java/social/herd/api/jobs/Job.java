package social.herd.api.jobs;

import java.time.Instant;

/**
 * A job being run.
 *
 * @param id        the job's id
 * @param queue     its queue
 * @param type      its type
 * @param payload   the JSON text it was enqueued with
 * @param attempt   1 on the first run, 2 on the first retry, ...
 * @param createdAt when it was enqueued
 */
public record Job(long id, String queue, String type, String payload, int attempt, Instant createdAt) {}
