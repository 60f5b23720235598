package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files dropped into the config folder: applied live when good, refused with one log line naming
 * file, property and reason when bad, while the component keeps its last good configuration.
 */
class ConfigFilesTest {

    /** The promise: a dropped file changes a running component within 2 s. */
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(2);

    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(5);
    private static final String SHELL_PID = "io.kinglet.shell.socket";
    private static final String SHELL_FILE = SHELL_PID + ".cfg";
    private static final String CHECK_FILE = "org.apache.felix.hc.generalchecks.DiskSpaceCheck-extra.cfg";
    private static final String GOOD_SHELL_CONFIG = "enabled = true\npath = shell.sock\nmaxSessions = 4\n";

    private static KingletProcess kinglet;

    @BeforeAll
    static void start() throws IOException {
        kinglet = KingletProcess.builder().start();
    }

    @AfterAll
    static void stop() {
        kinglet.close();
    }

    @AfterEach
    void restoreGoodFiles() throws IOException {
        // a comment line makes the content new, so FileInstall sees a change even when the file
        // holds what it held before a test deleted it
        kinglet.dropConfig(SHELL_FILE, "# restored " + System.nanoTime() + "\n" + GOOD_SHELL_CONFIG);
        await().atMost(REFUSED_WITHIN)
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThat(kinglet.shell("cm:refused")).contains("No refused configuration files"));
    }

    @Test
    void aNewFileCreatesAComponentAndDeletingItRemovesIt() throws IOException {
        kinglet.dropConfig(CHECK_FILE, "hc.name = Extra disk\nhc.tags = extra\ndiskPaths = ${kinglet.state.dir}\n");
        await().atMost(APPLIED_WITHIN)
                .ignoreExceptions()
                .untilAsserted(() ->
                        assertThat(kinglet.get("/health?tags=extra").body()).contains("\"name\":\"Extra disk\""));

        kinglet.dropConfig(CHECK_FILE, "hc.name = Renamed disk\nhc.tags = extra\ndiskPaths = ${kinglet.state.dir}\n");
        await().atMost(APPLIED_WITHIN)
                .ignoreExceptions()
                .untilAsserted(() ->
                        assertThat(kinglet.get("/health?tags=extra").body()).contains("\"name\":\"Renamed disk\""));

        kinglet.deleteConfig(CHECK_FILE);
        await().atMost(APPLIED_WITHIN)
                .ignoreExceptions()
                .untilAsserted(() ->
                        assertThat(kinglet.get("/health?tags=extra").body()).doesNotContain("disk"));
    }

    @Test
    void jsonConfigFilesApplyWithTheirTypes() throws IOException {
        String file = CHECK_FILE.replace(".cfg", ".config");
        kinglet.dropConfig(file, """
                {
                  "hc.name": "Json disk",
                  "hc.tags": ["extra", "json"],
                  "diskPaths": ["${kinglet.state.dir}"],
                  "diskUsedThresholdWarn": 95
                }
                """);
        try {
            await().atMost(APPLIED_WITHIN)
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(
                                    kinglet.shell("cm:get org.apache.felix.hc.generalchecks.DiskSpaceCheck~extra"))
                            .contains(
                                    "diskUsedThresholdWarn = 95",
                                    "hc.tags = [extra, json]",
                                    "diskPaths = [" + kinglet.stateDir() + "]"));
            assertThat(kinglet.get("/health?tags=json").body()).contains("\"name\":\"Json disk\"");
        } finally {
            kinglet.deleteConfig(file);
        }
    }

    @Test
    void aSecondFileForTheSamePidIsRefusedUntilTheFirstGoes() throws IOException {
        kinglet.dropConfig(SHELL_PID + ".config", "{ \"maxSessions\": 7 }");
        try {
            String line = kinglet.awaitLogLine("WARN .*io\\.kinglet\\.shell\\.socket\\.config refused", REFUSED_WITHIN);
            assertThat(line).contains("already configured by " + SHELL_FILE);
            assertThat(kinglet.shell("cm:get " + SHELL_PID)).contains("maxSessions = 4");

            kinglet.deleteConfig(SHELL_FILE);

            await().atMost(APPLIED_WITHIN)
                    .ignoreExceptions()
                    .untilAsserted(() ->
                            assertThat(kinglet.shell("cm:get " + SHELL_PID)).contains("maxSessions = 7"));
        } finally {
            kinglet.deleteConfig(SHELL_PID + ".config");
        }
    }

    @Test
    void malformedJsonIsRefusedAndNamed() throws IOException {
        String file = CHECK_FILE.replace(".cfg", ".config");
        kinglet.dropConfig(file, "{ \"hc.name\": \"Broken\", \"diskPaths\": [\"/\" }");
        try {
            String line = kinglet.awaitLogLine("WARN .*DiskSpaceCheck-extra\\.config refused", REFUSED_WITHIN);
            assertThat(line).contains("malformed JSON");
            assertRefusedInHealth(file);
        } finally {
            kinglet.deleteConfig(file);
        }
    }

    @Test
    void aWrongTypeIsRefusedAndTheLastGoodConfigurationStays() throws IOException {
        kinglet.dropConfig(SHELL_FILE, "enabled = true\npath = shell.sock\nmaxSessions = lots\n");

        String line = kinglet.awaitLogLine("WARN .*io\\.kinglet\\.shell\\.socket\\.cfg refused", REFUSED_WITHIN);
        assertThat(line)
                .contains("property 'maxSessions'", "\"lots\" is not an Integer", "keeps its last good configuration");
        assertThat(kinglet.shell("cm:get " + SHELL_PID)).contains("maxSessions = 4");
        assertRefusedInHealth(SHELL_FILE);
    }

    @Test
    void anOutOfRangeValueIsRefused() throws IOException {
        kinglet.dropConfig(SHELL_FILE, "enabled = true\npath = shell.sock\nmaxSessions = 500\n");

        String line =
                kinglet.awaitLogLine("WARN .*shell\\.socket\\.cfg refused: property 'maxSessions'", REFUSED_WITHIN);
        assertThat(line).contains("\"500\" is not allowed: greater than maximum");
        assertThat(kinglet.shell("cm:get " + SHELL_PID)).contains("maxSessions = 4");
    }

    @Test
    void anUnknownPidIsRefused() throws IOException {
        kinglet.dropConfig("com.example.nothing.cfg", "answer = 42\n");
        try {
            String line = kinglet.awaitLogLine("WARN .*com\\.example\\.nothing\\.cfg refused", REFUSED_WITHIN);
            assertThat(line).contains("unknown PID 'com.example.nothing'");
            assertThat(kinglet.shell("cm:list")).doesNotContain("com.example.nothing");
        } finally {
            kinglet.deleteConfig("com.example.nothing.cfg");
        }
    }

    @Test
    void aGoodFileAfterABadOneIsAppliedAndTheWarningClears() throws IOException {
        kinglet.dropConfig(SHELL_FILE, "enabled = true\npath = shell.sock\nmaxSessions = -3\n");
        assertRefusedInHealth(SHELL_FILE);

        kinglet.dropConfig(SHELL_FILE, "enabled = true\npath = shell.sock\nmaxSessions = 6\n");

        // the promise is timed by the installer's own line: the shell asked below restarts with its
        // new configuration, and a busy machine may keep its socket away for a moment longer
        kinglet.awaitLogLine("Config file .*shell\\.socket\\.cfg applied to " + SHELL_PID, APPLIED_WITHIN);
        await().atMost(REFUSED_WITHIN)
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThat(kinglet.shell("cm:get " + SHELL_PID)).contains("maxSessions = 6"));
        await().atMost(REFUSED_WITHIN)
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThat(kinglet.get("/health?tags=config").body())
                                .contains("All configuration files accepted"));
    }

    private static void assertRefusedInHealth(String file) {
        await().atMost(REFUSED_WITHIN).ignoreExceptions().untilAsserted(() -> {
            String health = kinglet.get("/health?tags=config").body();
            assertThat(health).contains("\"status\":\"WARN\"", "Refused " + file);
        });
    }
}
