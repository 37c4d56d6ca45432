package social.herd.admin.impl.moderation;

import java.util.List;
import java.util.concurrent.TimeUnit;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.Verdict;

/**
 * The filters of one subject run one after another on one pool thread, from {@code from} on, so a
 * subject costs one hand-off to the pool rather than one per filter. The caller waits for each
 * filter within that filter's budget ({@link #await}); when one overruns, the caller gives this run
 * up (interrupting it) and starts a new run after the slow filter. A run stops by itself after a
 * reject or hold, which end the chain anyway.
 */
final class FilterRun implements Runnable {

    /** One filter's answer: a verdict (possibly null, a plugin bug) or what it threw. */
    record Outcome(Verdict verdict, Throwable thrown) {}

    private final List<FilterEntry> filters;
    private final ModerationSubject subject;
    private final Outcome[] outcomes;
    private final long[] startedAt;
    /** Filters before this index have answered. Guarded by {@code this}. */
    private int completed;

    FilterRun(List<FilterEntry> filters, int from, ModerationSubject subject) {
        this.filters = filters;
        this.subject = subject;
        this.outcomes = new Outcome[filters.size()];
        this.startedAt = new long[filters.size()];
        this.completed = from;
    }

    @Override
    public void run() {
        for (int i = completed(); i < filters.size(); i++) {
            synchronized (this) {
                startedAt[i] = System.nanoTime();
            }
            Outcome o;
            try {
                o = new Outcome(filters.get(i).filter().review(subject), null);
            } catch (Throwable t) {
                o = new Outcome(null, t);
            }
            synchronized (this) {
                outcomes[i] = o;
                completed = i + 1;
                notifyAll();
            }
            if (Thread.currentThread().isInterrupted()) return;
            Verdict v = o.verdict();
            if (v != null && (v.decision() == Verdict.Decision.REJECT || v.decision() == Verdict.Decision.HOLD)) return;
        }
    }

    private synchronized int completed() {
        return completed;
    }

    /**
     * Waits for filter {@code i}: its outcome, or null when it has not answered within
     * {@code budgetNanos} of starting (or of this call, if it has not started yet).
     */
    synchronized Outcome await(int i, long budgetNanos) throws InterruptedException {
        long asked = System.nanoTime();
        while (completed <= i) {
            long start = startedAt[i] != 0 ? startedAt[i] : asked;
            long left = start + budgetNanos - System.nanoTime();
            if (left <= 0) return null;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return outcomes[i];
    }
}
