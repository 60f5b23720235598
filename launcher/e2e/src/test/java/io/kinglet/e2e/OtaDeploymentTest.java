package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.DEPLOYMENT_TIMEOUT;
import static io.kinglet.e2e.OtaSetup.FINAL;
import static io.kinglet.e2e.OtaSetup.activation;
import static io.kinglet.e2e.OtaSetup.client;
import static io.kinglet.e2e.OtaSetup.deploy;
import static io.kinglet.e2e.OtaSetup.installedCopies;
import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Updates as an operator pushes them: committed when healthy, rolled back automatically when not. */
class OtaDeploymentTest {

    @AutoClose
    private static final OtaSetup setup = OtaSetup.create();

    @Test
    void aHealthyUpdateIsCommittedWithoutRestartingUnrelatedBundlesAndSurvivesARestart() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            OtaClient ota = client(kinglet);
            deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.0.0"), setup.demo("io.kinglet.demo2", "1.0.0"));
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
            String demo2Activated = activation(kinglet, "io.kinglet.demo2");
            java.util.List<String> bundlesBefore = bundlesExcept(kinglet, "io.kinglet.demo");

            OtaClient.Response pushed = ota.push(setup.demo("io.kinglet.demo", "1.1.0"));
            // one deployment at a time: a second push while the first is under way is refused, not queued
            OtaClient.Response meanwhile = ota.push(setup.demo("io.kinglet.demo", "1.2.0"));
            assertThat(meanwhile.status()).isEqualTo(409);
            assertThat(meanwhile.json().get("error").asText())
                    .contains(pushed.json().get("id").asText())
                    .contains("wait until it ends");
            JsonNode done = ota.awaitState(pushed.json().get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL);

            assertThat(done.get("state").asText()).isEqualTo("committed");
            assertThat(done.get("bundles").get(0).get("previousVersion").asText())
                    .isEqualTo("1.0.0");
            assertThat(done.get("transitions").findValuesAsText("state"))
                    .containsExactly(
                            "received", "verified", "installed", "switching", "probation", "committing", "committed");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.1.0");
            assertThat(installedCopies(kinglet, "io.kinglet.demo")).isEqualTo(1);
            // no refresh cascade: the unrelated bundle was not restarted, and every other bundle kept its id and state
            assertThat(activation(kinglet, "io.kinglet.demo2")).isEqualTo(demo2Activated);
            assertThat(bundlesExcept(kinglet, "io.kinglet.demo")).isEqualTo(bundlesBefore);
            assertThat(Files.readString(kinglet.stateDir().resolve("ota/committed.properties")))
                    .contains("deployment=" + done.get("id").asText())
                    .contains("bundle.io.kinglet.demo=1.1.0 ");
            assertThat(kinglet.shell("ota:status"))
                    .contains("deployment " + done.get("id").asText())
                    .contains("io.kinglet.demo")
                    .contains("1.1.0");
            assertThat(kinglet.shell("ota:history"))
                    .contains(done.get("id").asText())
                    .contains("committed");
            assertThat(kinglet.get("/metrics").body())
                    .contains("kinglet_ota_deployments_total{outcome=\"committed\"} 2.0");

            kinglet.restart();

            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.1.0");
            assertThat(served(kinglet, "io.kinglet.demo2")).isEqualTo("io.kinglet.demo2 1.0.0");
            assertThat(installedCopies(kinglet, "io.kinglet.demo")).isEqualTo(1);
            assertThat(kinglet.log()).contains("Boot set: 0 installed, 0 updated, 0 uninstalled");
        }
    }

    @Test
    void aBundleSignedByAKeyTheTrustedCertificateIssuedIsCommitted() throws Exception {
        SigningKey issued = SigningKey.issuedBy(setup.release, setup.dir, "release-signer", "Kinglet release signer");
        try (KingletProcess kinglet = setup.runtime(1).start()) {
            Path jar =
                    issued.sign(setup.unsignedDemo("io.kinglet.demo", "1.0.0"), setup.dir.resolve("issued-demo.jar"));

            deploy(client(kinglet), "committed", jar);

            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
        }
    }

    @Test
    void anUpdateWhoseHealthCheckFailsDuringProbationIsRolledBackWithTheCheckAsReason() throws Exception {
        try (KingletProcess kinglet = setup.runtime(3).start()) {
            OtaClient ota = client(kinglet);
            JsonNode first = deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.0.0"));

            JsonNode done = deploy(ota, "rolled-back", setup.demo("io.kinglet.demo", "1.1.0", "Demo-Health", "fail"));

            assertThat(done.get("reason").asText())
                    .contains("Demo io.kinglet.demo")
                    .contains("CRITICAL")
                    .contains("Demo-Health header says fail");
            assertThat(done.get("transitions").findValuesAsText("state"))
                    .contains("probation")
                    .last()
                    .isEqualTo("rolled-back");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
            assertThat(installedCopies(kinglet, "io.kinglet.demo")).isEqualTo(1);
            assertThat(Files.readString(kinglet.stateDir().resolve("ota/committed.properties")))
                    .contains("deployment=" + first.get("id").asText());
            assertThat(storedArtifacts(kinglet)).hasSize(1);
            assertThat(kinglet.log()).containsPattern("OTA " + done.get("id").asText() + ": rolled-back: health check");
            assertThat(kinglet.get("/metrics").body())
                    .contains("kinglet_ota_deployments_total{outcome=\"rolled-back\"} 1.0");
            // monitoring sees it too: the OTA check warns, naming the deployment and the reason
            assertThat(kinglet.get("/health").body())
                    .contains("OTA updates")
                    .contains("WARN")
                    .contains("Deployment " + done.get("id").asText() + " (io.kinglet.demo 1.1.0) was rolled back");
            assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUpdateWhoseHealthCheckNeverAnswersIsRolledBackAtTheEndOfProbation() throws Exception {
        try (KingletProcess kinglet = setup.runtime(3).start()) {
            OtaClient ota = client(kinglet);
            deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.0.0"));

            JsonNode done = deploy(ota, "rolled-back", setup.demo("io.kinglet.demo", "1.1.0", "Demo-Health", "hang"));

            assertThat(done.get("reason").asText())
                    .startsWith("health check 'Demo io.kinglet.demo' did not answer in time");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
        }
    }

    @Test
    void aBundleThatThrowsInActivateIsRolledBack() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            OtaClient ota = client(kinglet);
            deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.0.0"));

            JsonNode done =
                    deploy(ota, "rolled-back", setup.demo("io.kinglet.demo", "1.1.0", "Demo-Activate", "throw"));

            assertThat(done.get("reason").asText())
                    .contains("io.kinglet.demo.internal.Greeter")
                    .contains("failed to activate");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
            assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBundleThatDoesNotResolveIsRefusedAndNothingIsLeftInstalled() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            OtaClient ota = client(kinglet);
            deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.0.0"));
            String bundlesBefore = kinglet.shell("lb -s");

            OtaClient.Response refused = ota.push(setup.demo(
                    "io.kinglet.demo", "1.1.0", "Import-Package", OtaSetup.DEMO_IMPORTS + ",does.not.exist"));

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("state").asText()).isEqualTo("refused");
            assertThat(refused.json().get("reason").asText())
                    .contains("does not resolve")
                    .contains("does.not.exist");
            assertThat(kinglet.shell("lb -s")).isEqualTo(bundlesBefore);
            assertThat(storedArtifacts(kinglet)).hasSize(1);
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
        }
    }

    @Test
    void aMultiBundleDeploymentWithOneBadMemberIsRevertedWhole() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            OtaClient ota = client(kinglet);
            deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.0.0"), setup.demo("io.kinglet.demo2", "1.0.0"));

            JsonNode done = deploy(
                    ota,
                    "rolled-back",
                    setup.demo("io.kinglet.demo", "1.1.0"),
                    setup.demo("io.kinglet.demo2", "1.1.0", "Demo-Health", "fail"));

            assertThat(done.get("bundles").findValuesAsText("symbolicName"))
                    .containsExactlyInAnyOrder("io.kinglet.demo", "io.kinglet.demo2");
            assertThat(done.get("reason").asText()).contains("Demo io.kinglet.demo2");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
            assertThat(served(kinglet, "io.kinglet.demo2")).isEqualTo("io.kinglet.demo2 1.0.0");
            assertThat(installedCopies(kinglet, "io.kinglet.demo")).isEqualTo(1);
            assertThat(installedCopies(kinglet, "io.kinglet.demo2")).isEqualTo(1);

            kinglet.restart();
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
            assertThat(served(kinglet, "io.kinglet.demo2")).isEqualTo("io.kinglet.demo2 1.0.0");
        }
    }

    @Test
    void aManualRollbackReturnsToThePreviousCommittedSet() throws Exception {
        try (KingletProcess kinglet = setup.runtime(1).start()) {
            OtaClient ota = client(kinglet);
            assertThat(ota.post("/ota/rollback").status()).isEqualTo(409);
            deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.0.0"));
            // the second one from the device's shell, as a file
            assertThat(kinglet.shell("ota:install " + setup.demo("io.kinglet.demo", "1.1.0")))
                    .contains("installed (io.kinglet.demo 1.1.0)");
            org.awaitility.Awaitility.await()
                    .atMost(DEPLOYMENT_TIMEOUT)
                    .ignoreExceptions()
                    .until(() -> kinglet.shell("ota:history -n 1").contains("committed"));

            OtaClient.Response rollback = ota.post("/ota/rollback");

            assertThat(rollback.status()).isEqualTo(202);
            JsonNode done = ota.awaitState(rollback.json().get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL);
            assertThat(done.get("state").asText()).isEqualTo("committed");
            assertThat(done.get("kind").asText()).isEqualTo("rollback");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");

            // from the shell too, and back to the newer set (the previous set is now 1.1.0)
            assertThat(kinglet.shell("ota:rollback")).contains("installed");
            org.awaitility.Awaitility.await()
                    .atMost(DEPLOYMENT_TIMEOUT)
                    .ignoreExceptions()
                    .until(() -> served(kinglet, "io.kinglet.demo").equals("io.kinglet.demo 1.1.0")
                            && kinglet.shell("ota:status").contains("Under way: nothing"));
            kinglet.restart();
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.1.0");
        }
    }

    @Test
    void anEmbeddedBundleCanBeUpdatedAndRolledBackToItsEmbeddedVersion() throws Exception {
        try (KingletProcess kinglet = setup.runtime(1).start()) {
            OtaClient ota = client(kinglet);
            Path shell = setup.embedded("io.kinglet.shell", "Bundle-Version", "0.1.1");

            deploy(ota, "committed", shell);
            assertThat(kinglet.shell("lb -s")).contains("io.kinglet.shell (0.1.1)");

            OtaClient.Response rollback = ota.post("/ota/rollback");
            assertThat(ota.awaitState(rollback.json().get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL)
                            .get("state")
                            .asText())
                    .isEqualTo("committed");
            assertThat(kinglet.shell("lb -s")).contains("io.kinglet.shell (0.1.0.SNAPSHOT)");
            kinglet.restart();
            assertThat(kinglet.shell("lb -s"))
                    .contains("io.kinglet.shell (0.1.0.SNAPSHOT)")
                    .doesNotContain("0.1.1");
        }
    }

    /** {@code lb} without the lines of one bundle: id, state and version of every other. */
    static java.util.List<String> bundlesExcept(KingletProcess kinglet, String bsn) throws IOException {
        return kinglet.shell("lb -s")
                .lines()
                .filter(l -> !l.contains("|" + bsn + " ("))
                .toList();
    }

    static java.util.List<Path> storedArtifacts(KingletProcess kinglet) throws IOException {
        try (Stream<Path> files = Files.list(kinglet.stateDir().resolve("ota/store"))) {
            return files.toList();
        }
    }
}
