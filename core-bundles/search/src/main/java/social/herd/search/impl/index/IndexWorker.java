package social.herd.search.impl.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.config.ServerSettings;
import social.herd.api.health.HealthCheck;
import social.herd.api.health.HealthStatus;
import social.herd.api.metrics.Metrics;
import social.herd.api.statuses.StatusDirectory;
import social.herd.search.impl.engine.SearchEngine;
import social.herd.search.impl.engine.StatusDoc;

/**
 * Writes the {@link Backlog} out to the engine on nodes that run workers: at once when an event
 * kicks it, and every second otherwise. A batch is claimed with {@code FOR UPDATE SKIP LOCKED},
 * written (one bulk request), and deleted in the same transaction, so nodes share the work and a
 * failed write leaves the rows for the next attempt. While the engine is unreachable attempts back
 * off from one to thirty seconds; when it answers again the backlog drains by itself.
 *
 * <p>Also the {@code search} readiness check and the {@code herd_search_*} metrics: the engine,
 * whether it answers, and the indexing lag (how long the oldest waiting work has waited). An
 * engine that is down makes the node degraded, not unready: everything but search keeps working.
 */
@Component(service = {IndexWorker.class, HealthCheck.class}, immediate = true)
public final class IndexWorker implements HealthCheck {

    static final int BATCH = 500;
    static final long MAX_BACKOFF_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(IndexWorker.class);

    private final SearchEngine engine;
    private final Backlog backlog;
    private final StatusDirectory statuses;
    private final Documents documents;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean kicked = new AtomicBoolean();
    private volatile long retryAt;
    private volatile long backoffMs;
    private volatile String failure;

    @Activate
    public IndexWorker(@Reference(policyOption = ReferencePolicyOption.GREEDY) SearchEngine engine,
                       @Reference Backlog backlog, @Reference StatusDirectory statuses,
                       @Reference AccountDirectory accounts, @Reference ServerSettings server, @Reference Metrics metrics) {
        this.engine = engine;
        this.backlog = backlog;
        this.statuses = statuses;
        this.documents = new Documents(statuses, accounts);
        metrics.gauge("herd_search_backlog", "Index work waiting to be written to the search engine", () -> safe(backlog::size));
        metrics.gauge("herd_search_lag_seconds", "How long the oldest waiting index work has waited",
                () -> safe(() -> backlog.lag().toMillis()) / 1000.0);
        metrics.gauge("herd_search_engine_up", "1 when the search engine answered the last write or probe", () -> failure == null ? 1 : 0);
        if (server.runs(ServerSettings.Role.WORKER)) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "herd-search-indexer"));
            executor.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
        } else {
            executor = null;
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        if (executor == null) return;
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** New work was queued: write it out now rather than at the next poll. */
    public void kick() {
        if (executor != null && kicked.compareAndSet(false, true)) executor.execute(this::drain);
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public HealthStatus check() {
        String waiting;
        try {
            waiting = backlog.size() + " waiting, lag " + backlog.lag().toSeconds() + " s";
        } catch (RuntimeException e) {
            waiting = "backlog unknown";
        }
        HealthStatus probe = engine.health();
        if (probe.state() != HealthStatus.State.UP) {
            return HealthStatus.degraded(engine.name() + " unreachable (" + probe.detail() + "); search answers 503; " + waiting);
        }
        return HealthStatus.up(engine.name() + ", " + waiting);
    }

    /** Writes batches until the backlog is empty or the engine fails; runs on the worker thread only. */
    void drain() {
        kicked.set(false);
        if (System.currentTimeMillis() < retryAt) return;
        try {
            while (drainBatch() == BATCH) {
                if (Thread.currentThread().isInterrupted()) return;
            }
            if (failure != null) {
                LOG.info("search engine reachable again engine={}; backlog written", engine.name());
                failure = null;
            }
            backoffMs = 0;
        } catch (RuntimeException e) {
            backoffMs = backoffMs == 0 ? 1000 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            retryAt = System.currentTimeMillis() + backoffMs;
            if (failure == null) {
                LOG.warn("search index write failed engine={} error={}; retrying every {} s at most, nothing is lost",
                        engine.name(), e.toString(), MAX_BACKOFF_MS / 1000);
            }
            failure = e.toString();
        }
    }

    /** One batch in one transaction; returns how many pieces of work it took. */
    int drainBatch() {
        return backlog.db().transaction(tx -> {
            BacklogMapper m = tx.mapper(BacklogMapper.class);
            List<BacklogMapper.Item> items = m.claim(BATCH);
            if (items.isEmpty()) return 0;
            apply(items);
            m.done(items);
            return items.size();
        });
    }

    private void apply(List<BacklogMapper.Item> items) {
        List<Long> posts = new ArrayList<>();
        for (BacklogMapper.Item i : items) {
            switch (i.kind()) {
                case Backlog.STATUS -> posts.add(i.targetId());
                case Backlog.ACCOUNT_GONE -> engine.removeAccount(i.targetId());
                case Backlog.ACCOUNT_BACK -> reindexAccount(i.targetId());
                default -> LOG.warn("unknown search backlog kind={}", i.kind());
            }
        }
        write(posts);
    }

    private void write(List<Long> ids) {
        if (ids.isEmpty()) return;
        List<StatusDoc> docs = documents.of(ids);
        Set<Long> gone = new HashSet<>(ids);
        docs.forEach(d -> gone.remove(d.statusId()));
        engine.index(docs);
        engine.remove(List.copyOf(gone));
    }

    private void reindexAccount(long accountId) {
        long after = 0;
        while (true) {
            List<Long> ids = statuses.ids(accountId, after, BATCH);
            if (ids.isEmpty()) return;
            engine.index(documents.of(ids));
            after = ids.get(ids.size() - 1);
        }
    }

    private static double safe(java.util.function.LongSupplier value) {
        try {
            return value.getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
