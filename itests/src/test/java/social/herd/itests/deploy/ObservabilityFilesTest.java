package social.herd.itests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code distribution/observability} only
 * use series a running Herd exposes on {@code /metrics} (a renamed metric would leave a panel or
 * an alert silently empty), and the files are well-formed.
 */
class ObservabilityFilesTest {

    static final Path DIR = Path.of("..", "distribution", "observability");
    static final Pattern SERIES = Pattern.compile("\\b((?:herd|jvm|process)_[a-z0-9_]+)");
    static Peer herd;
    static Set<String> exposed;

    @BeforeAll
    static void start() {
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", TestPostgres.freshDatabase(), "HERD_DB_USER", "postgres");
        exposed = new TreeSet<>();
        for (String line : herd.http.get("/metrics").body().lines().toList()) {
            if (line.startsWith("# TYPE ")) exposed.add(line.split(" ")[2]);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
    }

    @Test
    void theDashboardShowsOnlySeriesHerdExposes() throws Exception {
        JsonNode dash = new ObjectMapper().readTree(DIR.resolve("grafana-dashboard.json").toFile());
        assertThat(dash.get("panels")).hasSizeGreaterThanOrEqualTo(10);
        Set<String> used = new TreeSet<>();
        for (JsonNode p : dash.get("panels")) for (JsonNode t : p.get("targets")) used.addAll(series(t.get("expr").asText()));
        assertThat(used).as("series in the dashboard")
                .contains("herd_http_requests_total", "herd_jobs_waiting_push", "herd_federation_delivery_failures_total",
                        "herd_db_pool_active_connections", "jvm_memory_heap_used_bytes");
        assertThat(exposed).as("/metrics").containsAll(used);
    }

    @Test
    void alertRulesAreWellFormedAndUseExposedSeries() throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("prometheus-alerts.yaml").toFile());
        Set<String> used = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                assertThat(rule.hasNonNull("alert") && rule.hasNonNull("expr")).as(rule.toString()).isTrue();
                assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
                names.add(rule.get("alert").asText());
                used.addAll(series(rule.get("expr").asText()));
            }
        }
        assertThat(names).contains("HerdQueueLatencyHigh", "HerdDeliveriesFailing", "HerdNotReady");
        assertThat(exposed).containsAll(used);
    }

    /** Series names in a PromQL expression, histogram suffixes folded onto their family. */
    static Set<String> series(String expr) {
        Set<String> out = new TreeSet<>();
        Matcher m = SERIES.matcher(expr);
        while (m.find()) out.add(m.group(1).replaceFirst("_(bucket|sum|count)$", ""));
        return out;
    }
}
