package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
            assertThat(kinglet.log()).containsPattern("Boot set: \\d+ installed, 0 updated, 0 uninstalled, 0 unchanged");
            String before = kinglet.shell("lb");

            kinglet.restart();

            assertThat(kinglet.log()).containsPattern("Boot set: 0 installed, 0 updated, 0 uninstalled, \\d+ unchanged");
            assertThat(kinglet.shell("lb")).isEqualTo(before);
        }
    }
}
