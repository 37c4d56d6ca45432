package social.herd.admin.impl.moderation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.metrics.Metrics;
import social.herd.api.moderation.Moderation;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.ModerationFilter;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.Verdict;

/**
 * The moderation chain: asks every {@link ModerationFilter} plugin that wants the subject's
 * context, highest ranking first, each within its time budget, on a pool of its own so a hanging
 * plugin cannot hold the caller's thread (one pool thread runs a subject's filters in turn, see
 * {@link FilterRun}). Filters come and go at runtime (plugins in deploy/ or
 * uploaded); their name, contexts, budget and failure mode come from their service properties.
 * Every reject, hold, rewrite and failure is handed to the {@link DecisionLog}.
 */
@Component(service = Moderation.class, configurationPid = ModerationChain.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ModerationChain.Settings.class)
public final class ModerationChain implements Moderation {

    static final String PID = "social.herd.moderation";
    private static final Logger LOG = LoggerFactory.getLogger(ModerationChain.class);

    /** How the chain treats filters that fail. Keys have underscores ({@code x__y()} is how DS spells key {@code x_y}). */
    @ObjectClassDefinition(name = "Herd moderation chain")
    public @interface Settings {
        @AttributeDefinition(description = "Time each filter may take per subject, in milliseconds, unless the filter sets its own")
        long budget__ms() default 200;

        @AttributeDefinition(description = "Hold subjects for review when any filter fails or overruns, instead of skipping it")
        boolean fail__closed() default false;
    }

    private final Map<ServiceReference<ModerationFilter>, FilterEntry> filters =
            new ConcurrentSkipListMap<>((a, b) -> b.compareTo(a));
    // a filter that hangs keeps its thread; more threads (up to the cap) keep the others running
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 64, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "herd-moderation");
        t.setDaemon(true);
        return t;
    });
    private final Metrics.Counter failures;
    private final Metrics.Counter decisions;
    private final Consumer<FilterDecision> recorder;
    private final FailureLog failureLog = new FailureLog(LOG);
    private volatile Settings settings;

    @Activate
    public ModerationChain(@Reference Metrics metrics, @Reference DecisionLog log, Settings settings) {
        this(metrics, settings, log::record);
    }

    /** For tests: decisions go to {@code recorder}. */
    ModerationChain(Metrics metrics, Settings settings, Consumer<FilterDecision> recorder) {
        this.failures = metrics.counter("herd_moderation_filter_failures_total",
                "Moderation filters skipped because they threw or overran their time budget", "filter", "cause");
        this.decisions = metrics.counter("herd_moderation_decisions_total",
                "Rejects, holds and rewrites by moderation filters", "filter", "decision");
        this.recorder = recorder;
        this.settings = settings;
    }

    @Modified
    void modified(Settings changed) {
        this.settings = changed;
    }

    @Deactivate
    void deactivate() {
        pool.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "updatedFilter")
    void addFilter(ServiceReference<ModerationFilter> ref, ModerationFilter filter) {
        filters.put(ref, FilterEntry.from(name(ref), filter, properties(ref)));
    }

    /** The admin reconfigured the plugin: its budget, contexts or failure mode may have changed. */
    void updatedFilter(ServiceReference<ModerationFilter> ref, ModerationFilter filter) {
        addFilter(ref, filter);
    }

    void removeFilter(ServiceReference<ModerationFilter> ref) {
        filters.remove(ref);
    }

    @Override
    public boolean judges(ModerationContext context) {
        for (FilterEntry e : filters.values()) if (e.wants(context)) return true;
        return false;
    }

    @Override
    public Verdict review(ModerationSubject subject) {
        return review(List.copyOf(filters.values()), subject);
    }

    /** The chain over {@code ordered} (highest ranking first): separate from the service registry for tests. */
    Verdict review(List<FilterEntry> ordered, ModerationSubject subject) {
        Settings s = settings;
        List<FilterEntry> wanted = ordered.stream().filter(e -> e.wants(subject.context())).toList();
        Set<Verdict.Rewrite> rewrites = EnumSet.noneOf(Verdict.Rewrite.class);
        StringBuilder reasons = new StringBuilder();
        String warning = null;
        FilterRun run = null;
        Future<?> running = null;
        for (int i = 0; i < wanted.size(); i++) {
            FilterEntry e = wanted.get(i);
            if (run == null) {
                run = new FilterRun(wanted, i, subject);
                try {
                    running = pool.submit(run);
                } catch (RejectedExecutionException ex) {
                    run = null;
                    Verdict v = failed(e, "overloaded", subject, s, "no thread free to run it");
                    if (v != null) return v;
                    continue;
                }
            }
            long budget = e.budgetMs() > 0 ? e.budgetMs() : s.budget__ms();
            FilterRun.Outcome o;
            try {
                o = run.await(i, TimeUnit.MILLISECONDS.toNanos(budget));
            } catch (InterruptedException ex) {
                running.cancel(true);
                Thread.currentThread().interrupt();
                return Verdict.hold("moderation was interrupted");
            }
            Verdict v;
            if (o == null) {
                // the filter overran: give its run up; the next filter starts a fresh one
                running.cancel(true);
                run = null;
                v = failed(e, "timeout", subject, s, "no answer within " + budget + " ms");
            } else if (o.thrown() != null) {
                v = failed(e, "error", subject, s, String.valueOf(o.thrown()));
            } else if (o.verdict() == null) {
                v = failed(e, "error", subject, s, "answered null");
            } else {
                v = o.verdict();
            }
            if (v == null) continue;
            if (v.decision() != Verdict.Decision.ACCEPT) {
                decisions.inc(e.name(), v.decision().name().toLowerCase(java.util.Locale.ROOT));
                recorder.accept(FilterDecision.of(e.name(), v, subject));
            }
            switch (v.decision()) {
                case REJECT, HOLD -> {
                    if (run != null) running.cancel(true);
                    return v;
                }
                case REWRITE -> {
                    rewrites.addAll(v.rewrites());
                    if (warning == null && v.rewrites().contains(Verdict.Rewrite.ADD_CONTENT_WARNING)) warning = v.reason();
                    if (!v.reason().isBlank()) reasons.append(reasons.isEmpty() ? "" : "; ").append(v.reason());
                }
                case ACCEPT -> { }
            }
        }
        // core shows the reason as the content warning it adds: that must be the warning filter's text alone
        String reason = warning != null ? warning : reasons.toString();
        return rewrites.isEmpty() ? Verdict.accept() : Verdict.rewrite(reason, rewrites);
    }

    /** Counts, logs and records the failure; fail-open skips the filter (null), fail-closed holds the subject. */
    private Verdict failed(FilterEntry e, String cause, ModerationSubject subject, Settings s, String detail) {
        failures.inc(e.name(), cause);
        failureLog.note(e.name(), cause, detail);
        recorder.accept(FilterDecision.failure(e.name(), cause, subject));
        return e.failClosed() || s.fail__closed() ? Verdict.hold("a moderation filter could not decide (" + cause + ")") : null;
    }

    private static String name(ServiceReference<?> ref) {
        Object component = ref.getProperty("component.name");
        return component != null ? component.toString() : ref.getBundle().getSymbolicName() + "#" + ref.getProperty(Constants.SERVICE_ID);
    }

    private static Map<String, Object> properties(ServiceReference<?> ref) {
        Map<String, Object> out = new HashMap<>();
        for (String key : ref.getPropertyKeys()) out.put(key, ref.getProperty(key));
        return out;
    }
}
