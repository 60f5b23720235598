package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fleet rollouts from a real Eclipse hawkBit 1.0.4 server (../shared/hawkbit) to the exported
 * launcher, the device reaching the server through a proxy that can break a download or play the
 * server gone: commit and rollback reported as the action's end, a tampered artifact refused, a
 * cancel before the switch, a broken download resumed, feedback kept over a restart, the device's
 * attributes on the server.
 */
class HawkbitTest {

    private static final String DEVICE = "e2e-device";
    private static final String TOKEN = "e2e-target-token-51c2";
    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(90);

    @AutoClose
    static final OtaSetup setup = OtaSetup.create();

    private static HawkbitServer hawkbit;
    private static HawkbitManagement management;
    private static CuttingProxy proxy;
    private static KingletProcess kinglet;
    private static int release;

    @BeforeAll
    static void start() throws Exception {
        if (HawkbitServer.missing().isPresent()) {
            return; // each test is skipped, saying why
        }
        hawkbit = HawkbitServer.start();
        management = hawkbit.management();
        management.createTarget(DEVICE, TOKEN);
        management.createModuleType("bundle", "OSGi bundle");
        proxy = CuttingProxy.start(hawkbit.port());
        kinglet = setup.runtime(4)
                .configFile(
                        "io.kinglet.hawkbit.cfg",
                        "server = " + proxy.url() + "\ncontrollerId = " + DEVICE + "\ntoken = " + TOKEN
                                + "\nallowPlainHttp = true\npollMinSeconds = 1\npollMaxSeconds = 4\ntimeoutSeconds = 5\nwarnAfterSeconds = 10\n")
                .start();
    }

    @BeforeEach
    void serverThere() {
        HawkbitServer.assumeAvailable();
    }

    @AfterAll
    static void stop() throws IOException {
        if (kinglet != null) {
            kinglet.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (hawkbit != null) {
            hawkbit.close();
        }
    }

    /** A new signed version of the demo bundle for each rollout, with extra headers. */
    private static Path nextDemo(String... headers) throws IOException {
        return setup.demo("io.kinglet.demo", "1.0." + ++release, headers);
    }

    private static long rollOut(Path bundle) throws IOException {
        return management.deploy(DEVICE, "demo", "1.0." + release, "bundle", bundle);
    }

    /** The action's status once it has ended on the server: finished, error or canceled. */
    private static String awaitEnd(long action) {
        return await().atMost(ACTION_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> management.actionStatus(DEVICE, action),
                        s -> List.of("finished", "error", "canceled").contains(s));
    }

    private static String messages(long action) throws IOException {
        return String.join("\n", management.actionMessages(DEVICE, action));
    }

    @Test
    void aSignedBundleAssignedToTheDeviceIsCommittedAndTheActionFinishes() throws Exception {
        Path bundle = nextDemo();
        long action = rollOut(bundle);

        assertThat(awaitEnd(action)).as(() -> kinglet.log()).isEqualTo("finished");
        assertThat(messages(action))
                .contains("downloading demo 1.0." + release)
                .contains("downloaded and verified 1 bundle(s)")
                .contains("switched, on probation")
                .containsPattern("finished: OTA deployment d\\d+ \\(io.kinglet.demo 1.0." + release + "\\): committed");
        assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0." + release);
        // the device's attributes, the committed deployment among them
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(management.attributes(DEVICE))
                        .containsEntry("kinglet.profile", "default")
                        .containsKeys("kinglet.version", "java.version", "platform")
                        .hasEntrySatisfying(
                                "kinglet.deployment", id -> assertThat(id).matches("d\\d+")));
        assertThat(kinglet.shell("hawkbit:status")).contains("action: none").contains("feedback pending: 0");
        assertThat(kinglet.get("/metrics").body())
                .containsPattern("kinglet_hawkbit_actions_total\\{outcome=\"succeeded\"} [1-9]");
        assertThat(kinglet.log()).doesNotContain(TOKEN);
    }

    @Test
    void aBundleWhoseProbationFailsIsRolledBackAndTheActionFailsWithTheReason() throws Exception {
        long action = rollOut(nextDemo("Demo-Health", "fail"));

        assertThat(awaitEnd(action)).isEqualTo("error");
        assertThat(messages(action)).contains("rolled-back").contains("Demo-Health header says fail");
        assertThat(served(kinglet, "io.kinglet.demo")).isNotEqualTo("io.kinglet.demo 1.0." + release);
    }

    @Test
    void anArtifactThatDoesNotMatchItsHashesIsRefused() throws Exception {
        Path bundle = nextDemo();
        long action = management.deploy(DEVICE, "demo", "1.0." + release, "bundle", bundle);
        // the server's stored copy damaged after upload: it still announces the original hashes
        corruptStoredArtifact(bundle);

        assertThat(awaitEnd(action)).isEqualTo("error");
        assertThat(messages(action)).containsPattern("does not match its SHA-(256|1)");
        assertThat(served(kinglet, "io.kinglet.demo")).isNotEqualTo("io.kinglet.demo 1.0." + release);
    }

    @Test
    void aCancelBeforeTheSwitchEndsCanceled() throws Exception {
        Path bundle = nextDemo();
        long module = management.createSoftwareModule("demo", "1.0." + release, "bundle");
        management.uploadArtifact(module, bundle);
        long set = management.createDistributionSet("demo", "1.0." + release, "bundle", module);
        // a maintenance window that is not open: downloaded now, installed only inside it
        long action = management.assign(
                DEVICE, set, "forced", new HawkbitManagement.MaintenanceWindow("0 0 3 1 1 ?", "00:10:00", "+00:00"));
        await().atMost(ACTION_TIMEOUT)
                .until(() -> messages(action).contains("installing when the maintenance window opens"));

        management.cancel(DEVICE, action);

        assertThat(awaitEnd(action)).isEqualTo("canceled");
        assertThat(messages(action)).contains("canceled before anything switched");
        assertThat(served(kinglet, "io.kinglet.demo")).isNotEqualTo("io.kinglet.demo 1.0." + release);
    }

    @Test
    void aCancelAfterTheSwitchIsRejectedAndTheRolloutFinishes() throws Exception {
        long action = rollOut(nextDemo());
        await().atMost(ACTION_TIMEOUT).until(() -> messages(action).contains("switched, on probation"));

        management.cancel(DEVICE, action);

        assertThat(awaitEnd(action)).as(() -> kinglet.log()).isEqualTo("finished");
        assertThat(messages(action)).contains("has switched already; it ends with its probation");
        assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0." + release);
    }

    @Test
    void aDownloadBrokenInTheMiddleIsResumed() throws Exception {
        Path bundle = nextDemo();
        proxy.cutNextDownloadAfter(Files.size(bundle) / 2);
        long action = rollOut(bundle);

        assertThat(awaitEnd(action)).as(() -> kinglet.log()).isEqualTo("finished");
        assertThat(proxy.rangeHeaders()).isNotEmpty();
        assertThat(kinglet.log())
                .containsPattern("hawkBit: download of "
                        + Pattern.quote(bundle.getFileName().toString()) + " broke at \\d+ of \\d+ bytes");
    }

    @Test
    void feedbackTheServerCouldNotTakeIsDeliveredAfterARestart() throws Exception {
        long action = rollOut(nextDemo());
        await().atMost(ACTION_TIMEOUT).until(() -> messages(action).contains("switched, on probation"));
        proxy.setDown(true);
        kinglet.awaitLogLine("hawkBit: action " + action + " succeeded", ACTION_TIMEOUT);
        assertThat(management.actionStatus(DEVICE, action)).isNotEqualTo("finished");

        kinglet.restart();
        assertThat(kinglet.shell("hawkbit:status")).containsPattern("feedback pending: [1-9]");
        // the server silent for longer than warnAfterSeconds: health says so, with the reason
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(kinglet.get("/health?tags=hawkbit").body())
                                .contains("\"status\":\"WARN\"")
                                .contains("has not answered since"));
        proxy.setDown(false);

        assertThat(awaitEnd(action)).isEqualTo("finished");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(kinglet.get("/health?tags=hawkbit").body()).contains("\"status\":\"OK\""));
    }

    /** Flips a byte of the server's stored copy of {@code bundle} (its file is named by its SHA-1). */
    private static void corruptStoredArtifact(Path bundle) throws Exception {
        String sha1 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(bundle)));
        List<Path> stored;
        try (Stream<Path> files = Files.walk(hawkbit.log().getParent())) {
            stored = files.filter(f -> f.getFileName().toString().equals(sha1)).toList();
        }
        assertThat(stored).as("the stored artifact " + sha1).isNotEmpty();
        for (Path file : stored) {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 1;
            Files.write(file, bytes);
        }
    }
}
