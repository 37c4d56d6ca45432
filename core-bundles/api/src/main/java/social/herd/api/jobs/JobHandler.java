package social.herd.api.jobs;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs jobs of one type. Register as a service with property {@value #TYPE}. A handler may run
 * the same job more than once (at-least-once delivery), so it must be idempotent.
 */
@ConsumerType
public interface JobHandler {

    /** Service property: the job type this handler runs. */
    String TYPE = "herd.job.type";

    /**
     * Runs the job. Returning normally marks it done. Throwing schedules a retry with exponential
     * backoff until the attempt limit; {@link PermanentJobFailure} makes it dead at once.
     */
    void handle(Job job) throws Exception;
}
