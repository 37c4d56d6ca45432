package social.herd.admin.impl.moderation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import social.herd.spi.moderation.ModerationFilter;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.Verdict;

/**
 * The moderation chain: asks every {@link ModerationFilter} plugin, highest ranking first, each
 * within its time budget on a small pool of its own so a hanging plugin cannot hold the caller's
 * thread. Filters come and go at runtime (plugins in deploy/).
 */
@Component(service = Moderation.class, configurationPid = ModerationChain.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ModerationChain.Settings.class)
public final class ModerationChain implements Moderation {

    static final String PID = "social.herd.moderation";
    private static final Logger LOG = LoggerFactory.getLogger(ModerationChain.class);

    /** How the chain treats filters that fail. */
    @ObjectClassDefinition(name = "Herd moderation chain")
    public @interface Settings {
        @AttributeDefinition(description = "Time each filter may take per subject, in milliseconds")
        long budget_ms() default 200;

        @AttributeDefinition(description = "Hold subjects for review when a filter fails or overruns, instead of skipping it")
        boolean fail_closed() default false;
    }

    private final Map<ServiceReference<ModerationFilter>, ModerationFilter> filters =
            new ConcurrentSkipListMap<>((a, b) -> b.compareTo(a));
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "herd-moderation");
        t.setDaemon(true);
        return t;
    });
    private final Metrics.Counter failures;
    private volatile Settings settings;

    @Activate
    public ModerationChain(@Reference Metrics metrics, Settings settings) {
        this.failures = metrics.counter("herd_moderation_filter_failures_total",
                "Moderation filters skipped because they threw or overran their time budget", "filter", "cause");
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFilter(ServiceReference<ModerationFilter> ref, ModerationFilter filter) {
        filters.put(ref, filter);
    }

    void removeFilter(ServiceReference<ModerationFilter> ref) {
        filters.remove(ref);
    }

    @Override
    public Verdict review(ModerationSubject subject) {
        List<Map.Entry<String, ModerationFilter>> ordered = new ArrayList<>();
        filters.forEach((ref, filter) -> ordered.add(Map.entry(name(ref), filter)));
        return review(ordered, subject);
    }

    /** The chain over {@code ordered} (highest ranking first): separate from the service registry for tests. */
    Verdict review(List<Map.Entry<String, ModerationFilter>> ordered, ModerationSubject subject) {
        Settings s = settings;
        Set<Verdict.Rewrite> rewrites = EnumSet.noneOf(Verdict.Rewrite.class);
        StringBuilder reasons = new StringBuilder();
        for (Map.Entry<String, ModerationFilter> e : ordered) {
            String name = e.getKey();
            Verdict v;
            try {
                Future<Verdict> answer = pool.submit(() -> e.getValue().review(subject));
                try {
                    v = answer.get(s.budget_ms(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException ex) {
                    answer.cancel(true);
                    v = failed(name, "timeout", s);
                }
            } catch (ExecutionException | RuntimeException ex) {
                LOG.warn("moderation filter failed filter={} error={}", name, String.valueOf(ex.getCause() == null ? ex : ex.getCause()));
                v = failed(name, "error", s);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Verdict.hold("moderation was interrupted");
            }
            if (v == null) continue;
            switch (v.decision()) {
                case REJECT, HOLD -> {
                    return v;
                }
                case REWRITE -> {
                    rewrites.addAll(v.rewrites());
                    if (!v.reason().isBlank()) reasons.append(reasons.isEmpty() ? "" : "; ").append(v.reason());
                }
                case ACCEPT -> { }
            }
        }
        return rewrites.isEmpty() ? Verdict.accept() : Verdict.rewrite(reasons.toString(), rewrites);
    }

    /** Counts the failure; fail-open skips the filter (null), fail-closed holds the subject. */
    private Verdict failed(String name, String cause, Settings s) {
        failures.inc(name, cause);
        return s.fail_closed() ? Verdict.hold("a moderation filter could not decide (" + cause + ")") : null;
    }

    private static String name(ServiceReference<?> ref) {
        Object component = ref.getProperty("component.name");
        return component != null ? component.toString() : ref.getBundle().getSymbolicName() + "#" + ref.getProperty(Constants.SERVICE_ID);
    }
}
