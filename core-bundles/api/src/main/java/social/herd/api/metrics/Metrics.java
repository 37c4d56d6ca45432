package social.herd.api.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The metrics registry. Names follow Prometheus conventions ({@code herd_jobs_failed_total});
 * asking twice for the same name returns the same metric. Label values must have low cardinality
 * (route templates, queue names — never ids or user input).
 */
@ProviderType
public interface Metrics {

    Counter counter(String name, String help, String... labelNames);

    /** A histogram of durations in seconds. */
    Timer timer(String name, String help, String... labelNames);

    /** Registers (or replaces) a gauge read at scrape time. */
    void gauge(String name, String help, DoubleSupplier value);

    /** Writes every metric in the Prometheus text exposition format 0.0.4. */
    void writeTo(Appendable out) throws IOException;

    /** A monotonically increasing count. */
    interface Counter {
        void inc(String... labelValues);
    }

    /** Records durations. */
    interface Timer {
        void record(Duration duration, String... labelValues);
    }
}
