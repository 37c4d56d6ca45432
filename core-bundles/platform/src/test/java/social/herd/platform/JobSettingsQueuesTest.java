package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import social.herd.platform.impl.jobs.JobSettings;

/** HERD_WORKER_QUEUES: a worker node takes only the named queues; the scheduler lane always stays. */
class JobSettingsQueuesTest {

    @Test
    void onlyTheNamedQueuesGetWorkers() {
        JobSettings s = JobSettings.from(Map.of("queues", "push, pull", "workers_push", 4));
        assertThat(s.workers()).containsEntry("push", 4).containsEntry("pull", 1).containsEntry("scheduler", 1)
                .containsEntry("default", 0).containsEntry("ingress", 0).containsEntry("mailers", 0);
        assertThat(JobSettings.from(Map.of()).workers()).containsEntry("default", 2).containsEntry("push", 8);
    }

    @Test
    void aNodeWithoutWorkersKeepsOnlyTheSchedulerLane() {
        assertThat(JobSettings.from(Map.of()).schedulerOnly().workers()).containsEntry("scheduler", 1)
                .containsEntry("default", 0).containsEntry("push", 0).containsEntry("pull", 0);
    }

    @Test
    void anUnknownQueueIsRefused() {
        assertThatThrownBy(() -> JobSettings.from(Map.of("queues", "push,fast"))).hasMessageContaining("unknown queue fast");
    }
}
