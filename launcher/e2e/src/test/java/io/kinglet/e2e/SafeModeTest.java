package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.deploy;
import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reboot-loop guard: boots that never reach ready are counted, and the one after K of them comes
 * up in safe mode (the previous committed set, the optional capabilities left out), which
 * {@code watchdog:ack} leaves.
 */
class SafeModeTest {

    @AutoClose
    static final OtaSetup setup = OtaSetup.create();

    @TempDir
    Path dir;

    @Test
    void bootsThatNeverGetReadyBringUpSafeModeWhichWatchdogAckLeaves() throws Exception {
        Path trigger = dir.resolve("break-demo");
        String health = "fail-when " + trigger;
        try (KingletProcess kinglet = setup.runtime(1)
                .systemProperty("kinglet.safeMode.after", "2")
                .systemProperty("kinglet.safeMode.optional", "io.kinglet.demo")
                .start()) {
            OtaClient ota = OtaSetup.client(kinglet);
            String first = deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.1.0", "Demo-Health", health))
                    .get("id")
                    .asText();
            deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.2.0", "Demo-Health", health));

            // the capability breaks for good: K = 2 boots that never get ready (each ended as a reboot would)
            Files.createFile(trigger);
            for (int boot = 1; boot <= 2; boot++) {
                kinglet.kill();
                kinglet.startAgainLive();
                await().atMost(Duration.ofSeconds(30))
                        .ignoreExceptions()
                        .until(() -> served(kinglet, "io.kinglet.demo").equals("io.kinglet.demo 1.2.0"));
                assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(503);
            }

            // the next one is in safe mode: the previous committed set, without the optional demo
            kinglet.kill();
            kinglet.startAgain();
            assertThat(kinglet.log())
                    .contains("Safe mode: 2 boots in a row without ready; booting the previous committed set"
                            + " (deployment " + first)
                    .contains("Safe mode: the optional capabilities io.kinglet.demo are not started")
                    .contains("Watchdog: SAFE MODE: 2 boots in a row without ready");
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("HTTP 404");
            assertThat(kinglet.shell("watchdog:status")).contains("Mode         SAFE MODE: 2 boots without ready");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=watchdog").body())
                            .contains("safe mode: 2 boots without ready"));
            assertThat(kinglet.get("/metrics").body()).contains("kinglet_watchdog_safe_mode 1.0");

            // mended, then acknowledged: back to the committed set
            Files.delete(trigger);
            assertThat(kinglet.shell("watchdog:ack")).contains("Leaving safe mode");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.2.0");
                assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(200);
                assertThat(kinglet.shell("watchdog:status")).contains("Mode         normal");
            });
        }
    }
}
