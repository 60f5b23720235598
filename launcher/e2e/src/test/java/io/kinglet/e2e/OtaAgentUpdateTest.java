package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.DEPLOYMENT_TIMEOUT;
import static io.kinglet.e2e.OtaSetup.FINAL;
import static io.kinglet.e2e.OtaSetup.client;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * An update of the OTA agent itself follows the same rules, and a broken new agent cannot brick the
 * device: it boots once on trial, and the launcher reverts a trial that never commits.
 */
class OtaAgentUpdateTest {

    @AutoClose
    private static final OtaSetup setup = OtaSetup.create();

    private static Path agent(String version, String... removedHeaders) throws IOException {
        BundleVariant variant =
                BundleVariant.of(OtaSetup.fixture("kinglet.bundle.ota")).header("Bundle-Version", version);
        for (String header : removedHeaders) {
            variant.removeHeader(header);
        }
        Path unsigned = variant.writeTo(setup.dir.resolve("ota-" + version + ".jar"));
        return setup.release.sign(unsigned, setup.dir.resolve("signed-ota-" + version + ".jar"));
    }

    @Test
    void aNewAgentIsBootedOnTrialAndCommitsItself() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            OtaClient ota = client(kinglet);
            OtaClient.Response pushed = ota.push(agent("0.1.1"));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(202);

            JsonNode done = ota.awaitState(pushed.json().get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL);

            // on failure: the deployment (its reason) and the runtime's log, to tell a slow machine from a fault
            assertThat(done.get("state").asText())
                    .as(() -> done + "\n" + kinglet.log())
                    .isEqualTo("committed");
            assertThat(done.get("trial").asBoolean()).isTrue();
            assertThat(kinglet.log()).contains("Booting the trial set").contains("booted on trial by the new agent");
            assertThat(kinglet.shell("lb -s")).contains("io.kinglet.ota (0.1.1)");
            assertThat(Files.exists(kinglet.stateDir().resolve("ota/trial.properties")))
                    .isFalse();

            kinglet.restart();
            assertThat(kinglet.shell("lb -s")).contains("io.kinglet.ota (0.1.1)");
            assertThat(kinglet.log())
                    .contains("Booting the committed set (deployment "
                            + done.get("id").asText());
        }
    }

    @Test
    void aBrokenNewAgentIsRevertedByTheLauncher() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2)
                .systemProperty("kinglet.ota.trialTimeoutSeconds", "8")
                .start()) {
            OtaClient ota = client(kinglet);
            // resolves and starts, but has no components: it never serves, never commits
            OtaClient.Response pushed = ota.push(agent("0.1.2", "Service-Component"));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(202);
            String id = pushed.json().get("id").asText();

            kinglet.awaitLogLine("did not commit within 8 s; booting the committed set", Duration.ofSeconds(60));
            JsonNode done = ota.awaitState(id, DEPLOYMENT_TIMEOUT, FINAL);

            assertThat(done.get("state").asText()).isEqualTo("rolled-back");
            assertThat(done.get("reason").asText()).contains("trial boot of the new set never committed");
            assertThat(kinglet.shell("lb -s"))
                    .contains("io.kinglet.ota (0.1.0.SNAPSHOT)")
                    .doesNotContain("0.1.2");
        }
    }

    @Test
    void aTrialKilledBeforeItCommitsIsRevertedAtTheNextStart() throws Exception {
        try (KingletProcess kinglet = setup.runtime(30).start()) {
            OtaClient ota = client(kinglet);
            String id = ota.push(agent("0.1.3")).json().get("id").asText();
            kinglet.awaitLogLine("booted on trial by the new agent", Duration.ofSeconds(60));

            kinglet.kill();
            kinglet.startAgain();

            JsonNode done = ota.awaitState(id, DEPLOYMENT_TIMEOUT, FINAL);
            assertThat(done.get("state").asText()).isEqualTo("rolled-back");
            assertThat(kinglet.log()).contains("was booted but never committed; reverted");
            assertThat(kinglet.shell("lb -s"))
                    .contains("io.kinglet.ota (0.1.0.SNAPSHOT)")
                    .doesNotContain("0.1.3");
        }
    }

    @Test
    void anApiBundleTheAgentImportsIsBootedOnTrialAndCommittedWithJournalAndBundlesAgreeing() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            OtaClient ota = client(kinglet);
            OtaClient.Response pushed = ota.push(setup.embedded("io.kinglet.health.api", "Bundle-Version", "1.1.1"));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(202);

            JsonNode done = ota.awaitState(pushed.json().get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL);

            assertThat(done.get("state").asText()).isEqualTo("committed");
            assertThat(done.get("trial").asBoolean()).isTrue();
            assertThat(done.get("restarted").toString()).contains("io.kinglet.ota (imports io.kinglet.health.api)");
            assertThat(kinglet.log())
                    .contains("would disturb the OTA agent: io.kinglet.ota (imports io.kinglet.health.api)")
                    .contains("Booting the trial set");
            assertThat(kinglet.shell("lb -s"))
                    .contains("io.kinglet.health.api (1.1.1)")
                    .doesNotContain("io.kinglet.health.api (1.1.0)");
            assertThat(kinglet.shell("ota:history -n 1"))
                    .contains(done.get("id").asText())
                    .contains("committed");

            kinglet.restart();
            assertThat(kinglet.shell("lb -s")).contains("io.kinglet.health.api (1.1.1)");
            assertThat(ota.get("/ota/deployments/" + done.get("id").asText())
                            .json()
                            .get("state")
                            .asText())
                    .isEqualTo("committed");
        }
    }

    @Test
    void aBrokenApiBundleTheAgentImportsIsRevertedAndTheJournalSaysWhy() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            OtaClient ota = client(kinglet);
            // resolves, but its activator class does not exist: it never becomes active on the trial boot
            OtaClient.Response pushed = ota.push(setup.embedded(
                    "io.kinglet.health.api",
                    "Bundle-Version",
                    "1.1.2",
                    "Bundle-Activator",
                    "io.kinglet.health.api.Missing"));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(202);

            JsonNode done = ota.awaitState(pushed.json().get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL);

            assertThat(done.get("state").asText()).isEqualTo("rolled-back");
            assertThat(done.get("trial").asBoolean()).isTrue();
            assertThat(done.get("reason").asText()).contains("io.kinglet.health.api 1.1.2 is not active");
            org.awaitility.Awaitility.await()
                    .atMost(DEPLOYMENT_TIMEOUT)
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(kinglet.shell("lb -s"))
                            .contains("io.kinglet.health.api (1.1.0)")
                            .doesNotContain("io.kinglet.health.api (1.1.2)"));
            // the agent's servlet comes back a moment after the bundles do: poll, as a fleet server would
            assertThat(ota.awaitState(done.get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL)
                            .get("state")
                            .asText())
                    .isEqualTo("rolled-back");
        }
    }
}
