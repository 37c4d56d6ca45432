package social.herd.platform.impl.db;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.health.HealthCheck;
import social.herd.api.health.HealthStatus;

/**
 * Health check {@code database}: DOWN when no valid connection can be had within one second.
 *
 * <p>The pool's own timeout is 5 s, longer than a health check may take, so the probe runs on a
 * helper thread and we wait at most 1 s for it. At most one probe is in flight: a check that
 * arrives while a slow probe is still running waits on that same probe instead of piling up more.
 */
@Component(service = HealthCheck.class)
public final class DatabaseHealthCheck implements HealthCheck, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealthCheck.class);
    private static final long BUDGET_MILLIS = 1_000;

    private final DataSource dataSource;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "herd-db-health");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Boolean> inFlight;
    private volatile boolean lastUp = true;

    @Activate
    public DatabaseHealthCheck(@Reference(target = "(herd.datasource=primary)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthStatus check() {
        CompletableFuture<Boolean> probe;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::probe, prober);
            }
            probe = inFlight;
        }
        HealthStatus status;
        try {
            status = probe.get(BUDGET_MILLIS, TimeUnit.MILLISECONDS)
                    ? HealthStatus.up("connection ok")
                    : HealthStatus.down("connection failed");
        } catch (TimeoutException e) {
            status = HealthStatus.down("no connection within 1s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = HealthStatus.down("interrupted");
        } catch (ExecutionException | RuntimeException e) {
            status = HealthStatus.down("connection failed");
        }
        boolean up = status.state() == HealthStatus.State.UP;
        if (up != lastUp) {
            // log transitions only: a health endpoint polled every few seconds must stay quiet
            if (up) LOG.info("database reachable again"); else LOG.warn("database health: {}", status.detail());
            lastUp = up;
        }
        return status;
    }

    private boolean probe() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (Exception e) {
            LOG.debug("database probe failed: {}", e.toString());
            return false;
        }
    }

    @Deactivate
    @Override
    public void close() {
        prober.shutdownNow();
    }
}
