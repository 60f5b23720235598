package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The interactive gogo shell on the console, as a person at a terminal uses it. */
class ConsoleTest {

    @Test
    void commandsTypedOnTheConsoleRunAndLeavingTheConsoleKeepsTheRuntimeUp() throws Exception {
        try (KingletProcess kinglet = KingletProcess.builder().onTerminal().start()) {
            kinglet.markLog();
            kinglet.typeOnConsole("kinglet:info");
            assertThat(kinglet.awaitLogLine("Profile\\s+default", Duration.ofSeconds(10)))
                    .isNotEmpty();

            kinglet.pressCtrlD();
            kinglet.awaitLogLine("gosh: stopping shell\\s*$", Duration.ofSeconds(10));

            assertThat(kinglet.awaitExit(Duration.ofSeconds(1))).isFalse();
            assertThat(kinglet.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(kinglet.stop()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void withoutATerminalTheConsoleStaysQuietAndEndOfInputDoesNotStopTheRuntime() throws IOException {
        try (KingletProcess kinglet = KingletProcess.builder().start()) {
            assertThat(kinglet.log()).doesNotContain("g! ");
            assertThat(kinglet.get("/health/live").statusCode()).isEqualTo(200);
        }
    }
}
