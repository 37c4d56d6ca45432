package social.herd.web.impl.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.health.HealthCheck;
import social.herd.api.health.HealthStatus;
import social.herd.api.health.HealthStatus.State;

/**
 * Runs every registered {@link HealthCheck} in parallel, each bounded to one second (a check that
 * does not answer in time counts as DOWN), and aggregates: any DOWN makes the whole DOWN, else any
 * DEGRADED makes it DEGRADED, else UP. A separate long-lived component (trap 12), so the resource
 * that serves it stays thin. State changes of a check are logged once, not per request.
 */
@Component(service = HealthAggregator.class, immediate = true)
public final class HealthAggregator {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(HealthAggregator.class);

    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private final Map<String, State> lastStates = new ConcurrentHashMap<>();
    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("herd-health-", 0).factory());
    private final Duration timeout;

    /** With the one-second bound. */
    public HealthAggregator() {
        this(DEFAULT_TIMEOUT);
    }

    /** With another bound (tests). */
    public HealthAggregator(Duration timeout) {
        this.timeout = timeout;
    }

    /** Adds a check (dynamic, any number). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addCheck(HealthCheck check) {
        checks.add(check);
    }

    /** Removes a check. */
    public void removeCheck(HealthCheck check) {
        checks.remove(check);
    }

    /** Stops running checks. */
    @Deactivate
    public void close() {
        executor.shutdownNow();
    }

    /** Runs all checks now. */
    public Report check() {
        List<HealthCheck> current = List.copyOf(checks);
        List<Future<HealthStatus>> futures = new ArrayList<>(current.size());
        for (HealthCheck check : current) {
            try {
                futures.add(executor.submit(check::check));
            } catch (RejectedExecutionException e) {
                futures.add(null);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Result> results = new ArrayList<>(current.size());
        for (int i = 0; i < current.size(); i++) {
            String name = nameOf(current.get(i));
            HealthStatus status = await(futures.get(i), deadline);
            results.add(new Result(name, status.state(), status.detail()));
            noteState(name, status);
        }
        results.sort(Comparator.comparing(Result::name));
        return new Report(overall(results), List.copyOf(results));
    }

    private HealthStatus await(Future<HealthStatus> future, long deadline) {
        if (future == null) {
            return HealthStatus.down("not run: shutting down");
        }
        try {
            HealthStatus status = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return status == null ? HealthStatus.down("check returned nothing") : status;
        } catch (TimeoutException e) {
            future.cancel(true);
            return HealthStatus.down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return HealthStatus.down("check failed: " + cause.getClass().getSimpleName());
        } catch (CancellationException e) {
            return HealthStatus.down("check cancelled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return HealthStatus.down("interrupted");
        }
    }

    private void noteState(String name, HealthStatus status) {
        State previous = lastStates.put(name, status.state());
        if (previous == status.state() || (previous == null && status.state() == State.UP)) {
            return;
        }
        if (status.state() == State.UP) {
            LOG.info("Health check {} is up again", name);
        } else {
            LOG.warn("Health check {} is {}: {}", name, status.state().name().toLowerCase(Locale.ROOT), status.detail());
        }
    }

    private static String nameOf(HealthCheck check) {
        try {
            String name = check.name();
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return check.getClass().getSimpleName();
    }

    static State overall(List<Result> results) {
        State overall = State.UP;
        for (Result r : results) {
            if (r.state() == State.DOWN) {
                return State.DOWN;
            }
            if (r.state() == State.DEGRADED) {
                overall = State.DEGRADED;
            }
        }
        return overall;
    }

    /** One check's outcome. */
    public record Result(String name, State state, String detail) {
    }

    /** The aggregate and each check's outcome, sorted by name. */
    public record Report(State state, List<Result> results) {
    }
}
