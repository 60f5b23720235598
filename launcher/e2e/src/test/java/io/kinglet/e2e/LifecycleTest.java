package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Start, stop and restart as systemd does them. */
class LifecycleTest {

    @Test
    void sigtermStopsTheRuntimeGracefullyWithinFiveSeconds() throws IOException {
        try (KingletProcess kinglet = KingletProcess.builder().start()) {
            Duration took = kinglet.stop();

            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(kinglet.log()).contains("INFO io.kinglet.launcher - Stopped in");
            // the JVM reports death by SIGTERM (128 + 15) once the shutdown hook has finished
            assertThat(kinglet.exitValue()).isEqualTo(143);
        }
    }

    @Test
    void aRestartKeepsEveryBundleAsInstalled() throws IOException {
        try (KingletProcess kinglet = KingletProcess.builder().start()) {
            assertThat(kinglet.log())
                    .containsPattern("Boot set: \\d+ installed, 0 updated, 0 uninstalled, 0 unchanged");
            String before = kinglet.shell("lb");

            kinglet.restart();

            assertThat(kinglet.log())
                    .containsPattern("Boot set: 0 installed, 0 updated, 0 uninstalled, \\d+ unchanged");
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(kinglet.shell("lb")).isEqualTo(before));
        }
    }

    @Test
    void aConfigFileDeletedWhileStoppedIsGoneAfterTheNextStart() throws IOException {
        try (KingletProcess kinglet = KingletProcess.builder()
                .configFile(
                        "org.apache.felix.hc.generalchecks.DiskSpaceCheck-spare.cfg",
                        "hc.name = Spare disk\nhc.tags = spare\ndiskPaths = ${kinglet.state.dir}\n")
                .start()) {
            assertThat(kinglet.shell("cm:list")).contains("DiskSpaceCheck~spare");
            kinglet.stop();

            kinglet.deleteConfig("org.apache.felix.hc.generalchecks.DiskSpaceCheck-spare.cfg");
            kinglet.startAgain();

            assertThat(kinglet.shell("cm:list")).doesNotContain("DiskSpaceCheck~spare");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            assertThat(kinglet.get("/health?tags=spare").body()).doesNotContain("Spare disk"));
        }
    }
}
