package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /health, /health/ready and /health/live as a monitoring system or systemd sees them. */
class HealthEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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
    void healthListsEveryCheckWithNameTagsStatusAndMessage() {
        // a check's configuration is read before readiness; its service registers a moment later
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> response = kinglet.get("/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).contains("json"));
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("overallResult").asText()).isIn("OK", "WARN");
            assertThat(names(body))
                    .contains(
                            "Framework started",
                            "Bundles started",
                            "DS components",
                            "Configuration files",
                            "State disk space",
                            "Memory headroom");
            for (JsonNode result : body.path("results")) {
                assertThat(result.path("status").asText()).isNotEmpty();
                assertThat(result.path("tags").isArray()).isTrue();
                assertThat(result.path("messages").get(0).path("message").asText())
                        .isNotEmpty();
            }
        });
    }

    @Test
    void readinessCountsOnlyCriticalChecks() throws IOException {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> response = kinglet.get("/health/ready");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(names(body))
                    .contains("Framework started", "Bundles started", "State disk space")
                    .doesNotContain("Memory headroom");
            body.path("results").forEach(result -> assertThat(tags(result)).contains("critical"));
        });
    }

    @Test
    void livenessIsTheFrameworkBeingUp() throws IOException {
        HttpResponse<String> response = kinglet.get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(names(JSON.readTree(response.body()))).containsExactly("Framework started");
    }

    @Test
    void aFailingCriticalCheckTurnsHealthAndReadinessTo503UntilItRecovers() throws IOException {
        // a disk check that can never pass: critical at 0 % used
        kinglet.dropConfig("org.apache.felix.hc.generalchecks.DiskSpaceCheck-impossible.cfg", """
                hc.name = Impossible disk
                hc.tags = test, critical
                diskPaths = ${kinglet.state.dir}
                diskUsedThresholdWarn = 0
                diskUsedThresholdCritical = 0
                """);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(kinglet.get("/health").statusCode()).isEqualTo(503));

        JsonNode health = JSON.readTree(kinglet.get("/health").body());
        assertThat(health.path("overallResult").asText()).isEqualTo("CRITICAL");
        assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(kinglet.get("/health/live").statusCode()).isEqualTo(200);

        kinglet.deleteConfig("org.apache.felix.hc.generalchecks.DiskSpaceCheck-impossible.cfg");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(200));
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("results").forEach(result -> names.add(result.path("name").asText()));
        return names;
    }

    private static List<String> tags(JsonNode result) {
        List<String> tags = new ArrayList<>();
        result.path("tags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }
}
