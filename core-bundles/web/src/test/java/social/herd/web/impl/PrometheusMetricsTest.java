package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.herd.api.metrics.Metrics;
import social.herd.web.impl.metrics.JvmMetrics;
import social.herd.web.impl.metrics.PrometheusMetrics;

/** The text exposition format 0.0.4, written by hand. */
class PrometheusMetricsTest {

    private static String scrape(Metrics metrics) throws Exception {
        StringBuilder out = new StringBuilder();
        metrics.writeTo(out);
        return out.toString();
    }

    @Test
    void counterWithEscapedLabels() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        Metrics.Counter c = metrics.counter("herd_jobs_total", "Jobs run\nby queue \\ kind", "queue", "kind");
        c.inc("mail", "a\"b\\c\nd");
        c.inc("mail", "a\"b\\c\nd");
        c.inc("delivery", "x");

        assertThat(scrape(metrics)).isEqualTo("""
                # HELP herd_jobs_total Jobs run\\nby queue \\\\ kind
                # TYPE herd_jobs_total counter
                herd_jobs_total{queue="delivery",kind="x"} 1
                herd_jobs_total{queue="mail",kind="a\\"b\\\\c\\nd"} 2
                """);
    }

    @Test
    void timerIsACumulativeHistogram() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        Metrics.Timer t = metrics.timer("herd_db_seconds", "Query time");
        t.record(Duration.ofNanos(3_906_250));
        t.record(Duration.ofMillis(250));
        t.record(Duration.ofSeconds(100));

        assertThat(scrape(metrics)).isEqualTo("""
                # HELP herd_db_seconds Query time
                # TYPE herd_db_seconds histogram
                herd_db_seconds_bucket{le="0.005"} 1
                herd_db_seconds_bucket{le="0.01"} 1
                herd_db_seconds_bucket{le="0.025"} 1
                herd_db_seconds_bucket{le="0.05"} 1
                herd_db_seconds_bucket{le="0.1"} 1
                herd_db_seconds_bucket{le="0.25"} 2
                herd_db_seconds_bucket{le="0.5"} 2
                herd_db_seconds_bucket{le="1"} 2
                herd_db_seconds_bucket{le="2.5"} 2
                herd_db_seconds_bucket{le="5"} 2
                herd_db_seconds_bucket{le="10"} 2
                herd_db_seconds_bucket{le="30"} 2
                herd_db_seconds_bucket{le="60"} 2
                herd_db_seconds_bucket{le="+Inf"} 3
                herd_db_seconds_sum 100.25390625
                herd_db_seconds_count 3
                """);
    }

    @Test
    void gaugesAreReadAtScrapeTimeAndSortedByName() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        double[] value = {1.5};
        metrics.gauge("b_gauge", "B", () -> value[0]);
        metrics.gauge("a_gauge", "A", () -> 1e20);
        metrics.gauge("c_gauge", "C", () -> { throw new IllegalStateException(); });
        value[0] = 2048;

        assertThat(scrape(metrics)).isEqualTo("""
                # HELP a_gauge A
                # TYPE a_gauge gauge
                a_gauge 1.0E20
                # HELP b_gauge B
                # TYPE b_gauge gauge
                b_gauge 2048
                # HELP c_gauge C
                # TYPE c_gauge gauge
                c_gauge NaN
                """);
    }

    @Test
    void sameNameReturnsSameMetricAndConflictsAreRejected() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        metrics.counter("x_total", "X", "a").inc("1");
        metrics.counter("x_total", "X", "a").inc("1");

        assertThat(scrape(metrics)).contains("x_total{a=\"1\"} 2\n");
        assertThatThrownBy(() -> metrics.timer("x_total", "X", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("x_total", "X", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("bad-name", "X")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("y_total", "Y", "le")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("x_total", "X", "a").inc("1", "2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jvmGaugesAreRegistered() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        new JvmMetrics(metrics);

        String text = scrape(metrics);
        assertThat(text).contains("# TYPE jvm_memory_heap_used_bytes gauge\n", "jvm_memory_heap_max_bytes ",
                "jvm_threads_live ", "jvm_gc_collection_count ", "jvm_gc_collection_seconds ", "process_uptime_seconds ");
        assertThat(text).containsPattern("(?m)^jvm_threads_live [1-9][0-9]*$");
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/status"))) {
            assertThat(text).containsPattern("(?m)^process_resident_memory_bytes [1-9][0-9]*$");
        }
    }

    @Test
    void vmRssIsParsedInBytes() throws Exception {
        var parse = JvmMetrics.class.getDeclaredMethod("parseVmRss", List.class);
        parse.setAccessible(true);
        assertThat(parse.invoke(null, List.of("Name:\tjava", "VmRSS:\t  123456 kB"))).isEqualTo(123456 * 1024.0);
    }
}
