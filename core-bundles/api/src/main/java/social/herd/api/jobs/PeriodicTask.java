package social.herd.api.jobs;

import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A task run periodically, once per interval across the whole cluster (not once per node).
 * Register as a service with property {@value #NAME}; the name identifies the task's schedule.
 */
@ConsumerType
public interface PeriodicTask {

    /** Service property: the task's unique name. */
    String NAME = "herd.task.name";

    /** Time between the starts of two runs. */
    Duration interval();

    /** Runs once. A failure is logged and counted; the next run happens on schedule. */
    void run() throws Exception;
}
