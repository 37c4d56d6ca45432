package social.herd.admin.impl.moderation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.id.IdGenerator;
import social.herd.api.metrics.Metrics;

/**
 * Stores filter decisions for moderators, off the posting path: the chain hands them over and a
 * writer thread inserts them in batches. A full queue (the database is away for a long time) drops
 * decisions and counts them rather than slowing posting down.
 */
@Component(service = DecisionLog.class)
public final class DecisionLog {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    static final int CAPACITY = 10_000;
    private static final int BATCH = 200;

    private final Database db;
    private final IdGenerator ids;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Metrics.Counter dropped;
    private final Thread writer;
    private volatile boolean running = true;
    /** Decisions queued, and decisions written or given up: flush waits until the second catches up. */
    private final java.util.concurrent.atomic.AtomicLong recorded = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();

    @Activate
    public DecisionLog(@Reference Database db, @Reference IdGenerator ids, @Reference Metrics metrics,
                       @Reference(target = "(herd.schema=social.herd.admin)") SchemaReady schema) {
        this(db, ids, metrics, Clock.systemUTC());
    }

    /** For tests. */
    public DecisionLog(Database db, IdGenerator ids, Metrics metrics, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.dropped = metrics.counter("herd_moderation_decisions_dropped_total",
                "Moderation decisions not recorded because the writer fell behind");
        this.writer = new Thread(this::drain, "herd-moderation-decisions");
        writer.setDaemon(true);
        writer.start();
    }

    /** A decision with its id and time taken when it was made, so the list keeps the order of decisions. */
    private record Pending(long id, java.time.Instant at, FilterDecision decision) {}

    /** Queues a decision for storing; never blocks. */
    void record(FilterDecision d) {
        if (queue.offer(new Pending(ids.nextId(), clock.instant(), d))) {
            recorded.incrementAndGet();
        } else {
            dropped.inc();
        }
    }

    /** Writes everything queued so far, and waits for what the writer thread holds (tests, shutdown). */
    void flush() {
        long target = recorded.get();
        List<Pending> batch = new ArrayList<>();
        while (queue.drainTo(batch, BATCH) > 0) {
            int n = batch.size();
            write(batch);
            batch.clear();
            done.addAndGet(n);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (done.get() < target && System.nanoTime() < deadline) Thread.onSpinWait();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(2_000);
        flush();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                done.addAndGet(batch.size());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database is away: these decisions are lost, later ones are tried again
                LOG.warn("moderation decisions not recorded count={} error={}", batch.size(), e.toString());
                dropped.inc();
                done.addAndGet(batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        db.transaction(tx -> {
            DecisionMapper m = tx.mapper(DecisionMapper.class);
            for (Pending p : batch) {
                FilterDecision d = p.decision();
                m.insert(p.id(), new DecisionMapper.Stored(d.context().key(), d.filter(), d.outcome(), d.reason(),
                        d.rewrites(), d.subject(), d.accountId(), d.excerpt()), p.at());
            }
            return null;
        });
    }
}
