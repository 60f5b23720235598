package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /metrics as a Prometheus scraper sees it. */
class MetricsTest {

    private static KingletProcess kinglet;

    @BeforeAll
    static void start() throws IOException {
        kinglet = KingletProcess.builder().start();
    }

    @AfterAll
    static void stop() {
        kinglet.close();
    }

    @Test
    void exposesJvmMetricsInPrometheusTextFormat() throws IOException {
        var response = kinglet.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
                .contains(
                        "# TYPE jvm_memory_used_bytes gauge",
                        "jvm_threads_current",
                        "jvm_gc_collection_seconds",
                        "kinglet_uptime_seconds");
    }

    @Test
    void bundleCountsMatchWhatTheShellLists() throws IOException {
        long activeInShell = kinglet.shell("lb")
                .lines()
                .filter(line -> line.contains("|Active"))
                .count();

        assertThat(value(kinglet.get("/metrics").body(), "kinglet_bundles{state=\"active\"}"))
                .isEqualTo(activeInShell);
    }

    @Test
    void componentAndHealthCheckStatesAreExposed() throws IOException {
        String metrics = kinglet.get("/metrics").body();

        assertThat(value(metrics, "kinglet_components{state=\"active\"}")).isPositive();
        assertThat(value(metrics, "kinglet_components{state=\"unsatisfied_reference\"}"))
                .isZero();
        assertThat(value(
                        metrics,
                        "kinglet_health_check_status{check=\"Framework started\",tags=\"framework,live,critical\"}"))
                .isZero();
    }

    @Test
    void countsHttpRequestsByPathAndStatus() throws IOException {
        String counter = "http_server_requests_seconds_count{method=\"GET\",path=\"/health\",status=\"200\"}";
        double before = valueOrZero(kinglet.get("/metrics").body(), counter);

        for (int i = 0; i < 3; i++) {
            kinglet.get("/health/live");
        }
        kinglet.get("/no/such/page");

        String metrics = kinglet.get("/metrics").body();
        assertThat(value(metrics, counter)).isEqualTo(before + 3);
        assertThat(value(metrics, "http_server_requests_seconds_count{method=\"GET\",path=\"other\",status=\"404\"}"))
                .isGreaterThanOrEqualTo(1);
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        assertThat(m.find()).as("series %s in /metrics", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double valueOrZero(String metrics, String series) {
        return metrics.contains(series + " ") ? value(metrics, series) : 0;
    }
}
