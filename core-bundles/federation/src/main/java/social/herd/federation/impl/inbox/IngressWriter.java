package social.herd.federation.impl.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.JobRequest;

/**
 * Durable hand-off of verified activities to the ingress queue, with group commit: requests
 * arriving together are written in one transaction (one WAL flush instead of one per request),
 * and each inbox request is answered 202 only after its batch committed, so an accepted
 * activity is never lost. A lone request waits for nothing but its own commit.
 */
@Component(service = IngressWriter.class)
public final class IngressWriter {

    static final int MAX_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(IngressWriter.class);

    private record Pending(JobRequest job, CompletableFuture<Void> done) {}

    private final Database db;
    private final JobQueue jobs;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(20_000);
    private final Thread writer;
    private volatile boolean running = true;

    @Activate
    public IngressWriter(@Reference Database db, @Reference JobQueue jobs) {
        this.db = db;
        this.jobs = jobs;
        this.writer = new Thread(this::loop, "herd-ingress-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Deactivate
    void stop() {
        running = false;
        writer.interrupt();
    }

    /** Writes the job; returns once it is committed. Throws when it could not be (the sender retries). */
    public void write(JobRequest job) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(job, done))) throw new IllegalStateException("ingress queue is full");
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("ingress write failed", e);
        }
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                db.transaction(tx -> {
                    for (Pending p : batch) jobs.enqueue(tx, p.job());
                    return null;
                });
                batch.forEach(p -> p.done().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("ingress batch of {} not written: {}", batch.size(), e.toString());
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }
}
