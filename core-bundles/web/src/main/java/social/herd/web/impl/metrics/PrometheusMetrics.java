package social.herd.web.impl.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.metrics.Metrics;

/**
 * The metrics registry, written by hand in the Prometheus text exposition format 0.0.4: counters,
 * histograms of durations (seconds) and gauges read at scrape time. Families are written sorted by
 * name and series by label values, so output is stable. A family keeps at most
 * {@value #MAX_SERIES} label combinations; more are dropped (and reported once), protecting memory
 * from a caller that uses ids or user input as labels.
 */
@Component(service = Metrics.class)
public final class PrometheusMetrics implements Metrics {

    /** Histogram upper bounds in seconds: from 5 ms HTTP answers to minute-long jobs. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    static final int MAX_SERIES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetrics.class);
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final ConcurrentMap<String, Family<?>> families = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String help, String... labelNames) {
        CounterFamily family = register(name, CounterFamily.class,
                n -> new CounterFamily(n, help, checkLabels(labelNames)), labelNames);
        return family::inc;
    }

    @Override
    public Timer timer(String name, String help, String... labelNames) {
        TimerFamily family = register(name, TimerFamily.class,
                n -> new TimerFamily(n, help, checkLabels(labelNames)), labelNames);
        return family::record;
    }

    @Override
    public void gauge(String name, String help, DoubleSupplier value) {
        checkName(name);
        families.compute(name, (n, existing) -> {
            if (existing != null && !(existing instanceof GaugeFamily)) {
                throw new IllegalArgumentException("metric " + name + " already registered as " + existing.type());
            }
            return new GaugeFamily(n, help, value);
        });
    }

    @Override
    public void writeTo(Appendable out) throws IOException {
        for (Family<?> family : new TreeMap<>(families).values()) {
            family.write(out);
        }
    }

    private <F extends Family<?>> F register(String name, Class<F> type, Function<String, F> factory,
            String[] labelNames) {
        checkName(name);
        Family<?> family = families.computeIfAbsent(name, factory);
        if (!type.isInstance(family)) {
            throw new IllegalArgumentException("metric " + name + " already registered as " + family.type());
        }
        if (!family.labelNames.equals(List.of(labelNames))) {
            throw new IllegalArgumentException("metric " + name + " already registered with labels " + family.labelNames);
        }
        return type.cast(family);
    }

    private static void checkName(String name) {
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name: " + name);
        }
    }

    private static List<String> checkLabels(String[] labelNames) {
        for (String label : labelNames) {
            if (label == null || !LABEL_NAME.matcher(label).matches() || label.startsWith("__") || label.equals("le")) {
                throw new IllegalArgumentException("invalid label name: " + label);
            }
        }
        return List.of(labelNames);
    }

    /** Escapes a label value: backslash, double quote and line feed. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Escapes HELP text: backslash and line feed. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Formats a sample value: integers without exponent, and {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** One metric family: name, help, type, label names and its series. */
    private abstract static class Family<S> {
        final String name;
        final String help;
        final List<String> labelNames;
        final ConcurrentMap<List<String>, S> series = new ConcurrentHashMap<>();
        private final AtomicBoolean overflowReported = new AtomicBoolean();

        Family(String name, String help, List<String> labelNames) {
            this.name = name;
            this.help = help == null ? "" : help;
            this.labelNames = labelNames;
        }

        abstract String type();

        abstract S newSeries();

        abstract void writeSamples(Appendable out) throws IOException;

        /** The series for these label values, or {@code null} when the family is full. */
        S series(String[] labelValues) {
            if (labelValues.length != labelNames.size()) {
                throw new IllegalArgumentException(name + " expects labels " + labelNames + ", got "
                        + Arrays.toString(labelValues));
            }
            List<String> key = new ArrayList<>(labelValues.length);
            for (String v : labelValues) {
                key.add(v == null ? "" : v);
            }
            S existing = series.get(key);
            if (existing != null) {
                return existing;
            }
            if (series.size() >= MAX_SERIES) {
                if (overflowReported.compareAndSet(false, true)) {
                    LOG.warn("Metric {} has {} label combinations; new ones are dropped", name, MAX_SERIES);
                }
                return null;
            }
            return series.computeIfAbsent(List.copyOf(key), k -> newSeries());
        }

        void write(Appendable out) throws IOException {
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type()).append('\n');
            writeSamples(out);
        }

        /** Series sorted by label values. */
        List<Map.Entry<List<String>, S>> sortedSeries() {
            List<Map.Entry<List<String>, S>> entries = new ArrayList<>(series.entrySet());
            entries.sort((a, b) -> String.join("\u0000", a.getKey()).compareTo(String.join("\u0000", b.getKey())));
            return entries;
        }

        /** {@code {a="x",b="y"}} plus an optional extra label; empty when there are no labels. */
        String labels(List<String> values, String extraName, String extraValue) {
            if (labelNames.isEmpty() && extraName == null) {
                return "";
            }
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < labelNames.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(labelNames.get(i)).append("=\"").append(escapeLabelValue(values.get(i))).append('"');
            }
            if (extraName != null) {
                if (!labelNames.isEmpty()) {
                    sb.append(',');
                }
                sb.append(extraName).append("=\"").append(extraValue).append('"');
            }
            return sb.append('}').toString();
        }
    }

    private static final class CounterFamily extends Family<LongAdder> {
        CounterFamily(String name, String help, List<String> labelNames) {
            super(name, help, labelNames);
        }

        @Override
        String type() { return "counter"; }

        @Override
        LongAdder newSeries() { return new LongAdder(); }

        void inc(String... labelValues) {
            LongAdder adder = series(labelValues);
            if (adder != null) {
                adder.increment();
            }
        }

        @Override
        void writeSamples(Appendable out) throws IOException {
            for (Map.Entry<List<String>, LongAdder> e : sortedSeries()) {
                out.append(name).append(labels(e.getKey(), null, null)).append(' ')
                        .append(Long.toString(e.getValue().sum())).append('\n');
            }
        }
    }

    /** A histogram series: per-bucket counts (not cumulative), sum and count. */
    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            sum.add(seconds);
            count.increment();
        }
    }

    private static final class TimerFamily extends Family<Histogram> {
        TimerFamily(String name, String help, List<String> labelNames) {
            super(name, help, labelNames);
        }

        @Override
        String type() { return "histogram"; }

        @Override
        Histogram newSeries() { return new Histogram(); }

        void record(Duration duration, String... labelValues) {
            Histogram histogram = series(labelValues);
            if (histogram != null) {
                histogram.observe(Math.max(0, duration.toNanos()) / 1e9);
            }
        }

        @Override
        void writeSamples(Appendable out) throws IOException {
            for (Map.Entry<List<String>, Histogram> e : sortedSeries()) {
                Histogram h = e.getValue();
                long count = h.count.sum();
                double sum = h.sum.sum();
                long cumulative = 0;
                for (int i = 0; i < BUCKETS.length; i++) {
                    cumulative += h.buckets[i].sum();
                    out.append(name).append("_bucket").append(labels(e.getKey(), "le", formatValue(BUCKETS[i])))
                            .append(' ').append(Long.toString(cumulative)).append('\n');
                }
                out.append(name).append("_bucket").append(labels(e.getKey(), "le", "+Inf"))
                        .append(' ').append(Long.toString(Math.max(count, cumulative))).append('\n');
                out.append(name).append("_sum").append(labels(e.getKey(), null, null))
                        .append(' ').append(formatValue(sum)).append('\n');
                out.append(name).append("_count").append(labels(e.getKey(), null, null))
                        .append(' ').append(Long.toString(Math.max(count, cumulative))).append('\n');
            }
        }
    }

    private static final class GaugeFamily extends Family<Object> {
        private final DoubleSupplier value;

        GaugeFamily(String name, String help, DoubleSupplier value) {
            super(name, help, List.of());
            this.value = value;
        }

        @Override
        String type() { return "gauge"; }

        @Override
        Object newSeries() { throw new UnsupportedOperationException(); }

        @Override
        void writeSamples(Appendable out) throws IOException {
            double v;
            try {
                v = value.getAsDouble();
            } catch (RuntimeException e) {
                LOG.debug("Gauge {} failed: {}", name, e.toString());
                v = Double.NaN;
            }
            out.append(name).append(' ').append(formatValue(v)).append('\n');
        }
    }
}
