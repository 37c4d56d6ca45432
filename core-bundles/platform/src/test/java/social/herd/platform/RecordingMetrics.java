package social.herd.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import social.herd.api.metrics.Metrics;

/** A real, minimal metrics registry for tests: counts per name and label values. */
public final class RecordingMetrics implements Metrics {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String help, String... labelNames) {
        return labelValues -> counts.computeIfAbsent(key(name, labelValues), k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public Timer timer(String name, String help, String... labelNames) {
        return (duration, labelValues) -> counts.computeIfAbsent(key(name + "_count", labelValues), k -> new AtomicLong())
                .incrementAndGet();
    }

    @Override
    public void gauge(String name, String help, DoubleSupplier value) {
        gauges.put(name, value);
    }

    @Override
    public void writeTo(Appendable out) throws IOException {
        for (var e : counts.entrySet()) out.append(e.getKey()).append(' ').append(String.valueOf(e.getValue().get())).append('\n');
        for (var e : gauges.entrySet()) out.append(e.getKey()).append(' ').append(String.valueOf(e.getValue().getAsDouble())).append('\n');
    }

    /** The count of {@code name} with these label values, 0 if never incremented. */
    public long count(String name, String... labelValues) {
        AtomicLong n = counts.get(key(name, labelValues));
        return n == null ? 0 : n.get();
    }

    /** Reads gauge {@code name} now. */
    public double gauge(String name) {
        DoubleSupplier g = gauges.get(name);
        if (g == null) throw new AssertionError("no gauge " + name);
        return g.getAsDouble();
    }

    private static String key(String name, String... labelValues) {
        return name + String.join(",", labelValues);
    }
}
