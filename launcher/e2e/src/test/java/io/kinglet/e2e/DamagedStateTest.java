package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.client;
import static io.kinglet.e2e.OtaSetup.deploy;
import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * State files damaged while Kinglet is stopped (an SD card that rots, a power cut mid-write on a card
 * that lies about fsync): at the next start each is named in the log and in /health, kept aside for
 * the operator, and the device runs on what it can still trust — never silently on less.
 */
class DamagedStateTest {

    @AutoClose
    private static final OtaSetup setup = OtaSetup.create();

    /** A device with demo 1.0.0 committed (d1), then 1.1.0 (d2): previous.properties names d1. */
    private static KingletProcess withTwoCommits() throws Exception {
        KingletProcess kinglet = setup.runtime(1).start();
        deploy(client(kinglet), "committed", setup.demo("io.kinglet.demo", "1.0.0"));
        deploy(client(kinglet), "committed", setup.demo("io.kinglet.demo", "1.1.0"));
        return kinglet;
    }

    private static void randomBytes(Path file) throws Exception {
        byte[] noise = new byte[512];
        new Random(42).nextBytes(noise);
        Files.write(file, noise);
    }

    @Test
    void aDamagedCommittedManifestIsKeptAsideAndThePreviousSetBootsLoudly() throws Exception {
        try (KingletProcess kinglet = withTwoCommits()) {
            kinglet.stop();
            randomBytes(kinglet.stateDir().resolve("ota/committed.properties"));

            kinglet.startAgain();

            assertThat(kinglet.log())
                    .containsPattern("WARN io.kinglet.launcher - \\S*/ota/committed.properties is damaged: "
                            + ".*; kept as committed.properties.damaged-\\S+; the previous committed set \\(deployment d1, "
                            + "1 updated bundle\\(s\\)\\) is committed and boots instead");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
            assertThat(Files.readString(kinglet.stateDir().resolve("ota/committed.properties")))
                    .contains("deployment=d1");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=ota").body().replace("\\/", "/"))
                            .contains("WARN")
                            .contains("damaged state kept aside: "
                                    + kinglet.stateDir().resolve("ota/committed.properties.damaged-")));
        }
    }

    @Test
    void withBothManifestsDamagedTheEmbeddedSetBootsAndSaysWhatIsMissing() throws Exception {
        try (KingletProcess kinglet = withTwoCommits()) {
            kinglet.stop();
            randomBytes(kinglet.stateDir().resolve("ota/committed.properties"));
            Files.writeString(kinglet.stateDir().resolve("ota/previous.properties"), "deployment=d1\nbundle.io.kin");

            kinglet.startAgain();

            assertThat(kinglet.log())
                    .contains("previous.properties is damaged: ")
                    .contains("no intact previous set: the embedded bundles boot, without the updates it named");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("HTTP 404");
            assertThat(client(kinglet).post("/ota/rollback").json().get("error").asText())
                    .isEqualTo("there is no previous committed set to roll back to");
        }
    }

    @Test
    void aDamagedJournalEntryIsLeftOutWithAWarningAndItsIdIsNotReused() throws Exception {
        try (KingletProcess kinglet = withTwoCommits()) {
            kinglet.stop();
            Path entry = kinglet.stateDir().resolve("ota/deployments/d2.json");
            Files.writeString(entry, Files.readString(entry).replace("committed", "commitxed"));

            kinglet.startAgain();

            assertThat(kinglet.log())
                    .containsPattern(
                            "WARN io.kinglet.ota.internal.Journal - OTA journal: \\S*/d2.json is "
                                    + "damaged: its content does not match its checksum .*; kept as d2.json.damaged-\\S+ and left out");
            OtaClient ota = client(kinglet);
            assertThat(ota.get("/ota/deployments").json().findValuesAsText("id"))
                    .containsExactly("d1");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.1.0");
            JsonNode next = deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.2.0"));
            assertThat(next.get("id").asText()).isEqualTo("d3");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            assertThat(kinglet.get("/health?tags=ota").body()).contains("d2.json.damaged-"));
        }
    }

    @Test
    void aDamagedTokenFileIsReplacedByANewTokenTheOperatorIsToldAbout() throws Exception {
        String config = "trustedCertificates=" + setup.release.certificatePem() + "\nprobationSeconds=1\n";
        try (KingletProcess kinglet = KingletProcess.builder()
                .configFile("io.kinglet.ota.cfg", config)
                .start()) {
            Path token = kinglet.stateDir().resolve("ota/token");
            kinglet.stop();
            Files.write(token, new byte[] {0x00, (byte) 0xfe, 0x0a});

            kinglet.startAgain();

            assertThat(kinglet.log())
                    .containsPattern(
                            "WARN io.kinglet.ota.internal.ApiToken - OTA: the token file \\S*/ota/token "
                                    + "is damaged .*; kept as token.damaged-\\S+; a new token is generated: give it to the clients that push");
            String fresh = Files.readString(token).strip();
            assertThat(fresh).matches("[A-Za-z0-9_-]{40,}");
            assertThat(new OtaClient(kinglet.baseUri(), fresh)
                            .get("/ota/status")
                            .status())
                    .isEqualTo(200);
        }
    }
}
