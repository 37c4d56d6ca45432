package social.herd.platform.impl.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.SchemaReady;
import social.herd.api.jobs.JobHandler;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.PeriodicTask;
import social.herd.api.metrics.Metrics;

/**
 * The job workers of this node, configured by PID {@value JobSettings#PID}. Runs jobs only when
 * the node's role runs workers ({@code all} or {@code worker}); on other roles it only exports the
 * queue gauges. {@link JobHandler} and {@link PeriodicTask} services come and go at any time.
 */
@Component(configurationPid = JobSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
public final class JobWorkersComponent {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorkersComponent.class);

    private final JobEngine engine; // null when this node's role runs no workers
    private final QueueGauges gauges;

    @Activate
    public JobWorkersComponent(@Reference ServerSettings server, @Reference Metrics metrics,
            @Reference(target = "(herd.datasource=primary)") DataSource dataSource, @Reference JobQueue queue,
            @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.platform)") SchemaReady schema,
            Map<String, Object> properties) {
        this.gauges = new QueueGauges(queue, metrics);
        // every node may become the scheduler (periodic tasks); only worker nodes run queued jobs
        Map<String, Object> merged = new java.util.HashMap<>(properties);
        if (!server.workerQueues().isEmpty()) merged.put("queues", String.join(",", server.workerQueues()));
        JobSettings settings = JobSettings.from(merged);
        if (!server.runs(ServerSettings.Role.WORKER)) {
            settings = settings.schedulerOnly();
            LOG.info("job workers: none on this node (roles {}); it may still run the scheduler", server.roles());
        }
        if (server.runs(ServerSettings.Role.WORKER) || server.scheduler()) {
            this.engine = new JobEngine(dataSource, metrics, settings, JobEngine.defaultNodeName());
            engine.start();
        } else {
            this.engine = null; // a bin/herd command: no workers, no scheduler
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(JobHandler handler, Map<String, Object> properties) {
        if (engine == null) return;
        List<String> types = strings(properties.get(JobHandler.TYPE));
        if (types.isEmpty()) LOG.warn("job handler {} has no {} property; ignored", handler.getClass().getName(), JobHandler.TYPE);
        types.forEach(t -> engine.addHandler(t, handler));
    }

    void removeHandler(JobHandler handler, Map<String, Object> properties) {
        if (engine == null) return;
        strings(properties.get(JobHandler.TYPE)).forEach(t -> engine.removeHandler(t, handler));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTask(PeriodicTask task, Map<String, Object> properties) {
        if (engine == null) return;
        List<String> names = strings(properties.get(PeriodicTask.NAME));
        if (names.size() != 1) {
            LOG.warn("periodic task {} needs exactly one {} property; ignored", task.getClass().getName(), PeriodicTask.NAME);
            return;
        }
        engine.addTask(names.get(0), task);
    }

    void removeTask(PeriodicTask task, Map<String, Object> properties) {
        if (engine == null) return;
        strings(properties.get(PeriodicTask.NAME)).forEach(n -> engine.removeTask(n, task));
    }

    @Deactivate
    void deactivate() {
        gauges.close();
        if (engine != null) engine.close();
    }

    /** A service property that may be a single string, an array or a collection. */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            if (!s.isBlank()) out.add(s.trim());
        } else if (value instanceof String[] array) {
            for (String s : array) if (s != null && !s.isBlank()) out.add(s.trim());
        } else if (value instanceof Iterable<?> it) {
            for (Object o : it) if (o != null && !String.valueOf(o).isBlank()) out.add(String.valueOf(o).trim());
        }
        return out;
    }
}
