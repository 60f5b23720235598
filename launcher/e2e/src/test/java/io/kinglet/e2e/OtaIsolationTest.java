package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.client;
import static io.kinglet.e2e.OtaSetup.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Updates restart what they must and nothing else, counted from the bundle events of the whole
 * framework: an implementation update restarts that bundle only (its consumers see a service gap,
 * not a restart, because the API lives in its own bundle), and an API bundle update restarts the
 * bundles wired to it, which the deployment names.
 */
class OtaIsolationTest {

    @AutoClose
    private static final OtaSetup setup = OtaSetup.create();

    @AutoClose
    private static KingletProcess kinglet;

    private static BundleEvents events;

    @BeforeAll
    static void runtimeWithRecorder() throws Exception {
        kinglet = setup.runtime(1).start();
        deploy(client(kinglet), "committed", setup.recorder());
        events = new BundleEvents(kinglet);
    }

    @ParameterizedTest(name = "io.kinglet.{0}")
    @ValueSource(
            strings = {
                "health",
                "telemetry",
                "config",
                "shell",
                "logging",
                "watchdog",
                "sensehat",
                "hardware.sim",
                "hardware.linuxfs",
                "led",
                "led.animations",
                "ble",
                "addetect",
                "hawkbit",
                "console"
            })
    void anImplementationUpdateStopsAndStartsThatBundleOnly(String capability) throws Exception {
        String bsn = "io.kinglet." + capability;
        int mark = events.mark();

        JsonNode done = deploy(client(kinglet), "committed", setup.embedded(bsn, "Bundle-Version", "0.1.1"));

        List<BundleEvents.Event> during = events.since(mark);
        report(bsn, during, bsn);
        assertThat(during)
                .as("bundle events during the update")
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.symbolicName()).as(e.toString()).isEqualTo(bsn));
        assertThat(during)
                .extracting(BundleEvents.Event::toString)
                .contains("STARTED " + bsn + " 0.1.1")
                .contains("STOPPED " + bsn + " 0.1.0.SNAPSHOT");
        assertThat(done.get("restarted")).isEmpty();
        assertThat(done.get("trial").asBoolean()).isFalse();
        assertThat(kinglet.shell("lb -s")).contains(bsn + " (0.1.1)");
        assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void anApiBundleUpdateRestartsOnlyItsConsumersAndTheDeploymentSaysWhich() throws Exception {
        int mark = events.mark();

        JsonNode done = deploy(
                client(kinglet), "committed", setup.embedded("io.kinglet.telemetry.api", "Bundle-Version", "1.1.0"));

        // every bundle that imports the API (telemetry, and the capabilities that publish) and no other
        List<String> restarted = new java.util.ArrayList<>();
        done.get("restarted").forEach(r -> restarted.add(r.asText()));
        assertThat(restarted)
                .contains(
                        "io.kinglet.telemetry (imports io.kinglet.telemetry.api)",
                        "io.kinglet.watchdog (imports io.kinglet.telemetry.api)")
                .allSatisfy(r -> assertThat(r).endsWith(" (imports io.kinglet.telemetry.api)"));
        java.util.Set<String> expected = new java.util.HashSet<>();
        expected.add("io.kinglet.telemetry.api");
        restarted.forEach(r -> expected.add(r.substring(0, r.indexOf(' '))));
        List<BundleEvents.Event> during = events.since(mark);
        report("io.kinglet.telemetry.api", during, "io.kinglet.telemetry.api");
        assertThat(during)
                .extracting(BundleEvents.Event::symbolicName)
                .allSatisfy(name -> assertThat(expected).contains(name));
        assertThat(during).extracting(BundleEvents.Event::type).contains("STOPPED", "STARTED");
        assertThat(kinglet.shell("lb -s")).contains("io.kinglet.telemetry.api (1.1.0)");
    }

    /** The figures behind the assertions, for the record: how many other bundles stopped or started. */
    private static void report(String updated, List<BundleEvents.Event> during, String self) {
        long others = during.stream()
                .filter(e -> !e.symbolicName().equals(self))
                .filter(e -> e.type().startsWith("ST"))
                .map(BundleEvents.Event::symbolicName)
                .distinct()
                .count();
        System.out.printf(
                "update of %s: %d bundle events; other bundles stopped or started: %d%n",
                updated, during.size(), others);
    }
}
