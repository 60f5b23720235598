package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gogo shell as scripts reach it: through the local shell socket and `kinglet shell`. */
class ShellTest {

    private static KingletProcess kinglet;

    @BeforeAll
    static void start() throws IOException {
        kinglet = KingletProcess.builder().start();
    }

    @AfterAll
    static void stop() {
        kinglet.close();
    }

    @Test
    void standardCommandsWork() throws IOException {
        assertThat(kinglet.shell("lb"))
                .contains("START LEVEL 5")
                .containsPattern("\\|Active\\s*\\|\\s*4\\|Kinglet health");
        assertThat(kinglet.shell("scr:list"))
                .contains("io.kinglet.config.internal.ConfigFileInstaller", "State:ACTIVE");
        assertThat(kinglet.shell("cm:list")).contains("io.kinglet.shell.socket  <- file:");
        assertThat(kinglet.shell("cm:get io.kinglet.shell.socket")).contains("maxSessions = 4");
    }

    @Test
    void healthShowPrintsATableOfChecks() throws IOException {
        String table = kinglet.shell("health:show");

        assertThat(table)
                .startsWith("Overall: ")
                .contains("STATUS", "NAME", "TAGS", "MESSAGE")
                .containsPattern("OK\\s+Framework started\\s+framework,live,critical");
        assertThat(kinglet.shell("health:show critical"))
                .doesNotContain("Memory headroom")
                .contains("Bundles started");
    }

    @Test
    void kingletInfoShowsVersionProfileStateDirAndUptime() throws IOException {
        String info = kinglet.shell("kinglet:info");

        assertThat(info)
                .contains("Profile     default", "State dir   " + kinglet.stateDir(), "Uptime      0d")
                .containsPattern("Kinglet\\s+0\\.\\d+\\.\\d+");
    }

    @Test
    void unknownCommandsAnswerWithAnErrorInsteadOfHanging() throws IOException {
        assertThat(kinglet.shell("no:such")).contains("Command not found: no:such");
        assertThat(kinglet.shell("lb")).contains("START LEVEL");
    }

    @Test
    void theSocketIsPrivateToTheRuntimeUser() throws IOException {
        Path socket = kinglet.stateDir().resolve("shell.sock");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                .isEqualTo("rw-------");
    }

    @Test
    void theStartScriptRunsOneCommand() throws Exception {
        Process process = new ProcessBuilder(
                        System.getProperty("kinglet.script"),
                        "shell",
                        "--state",
                        kinglet.stateDir().toString(),
                        "kinglet:info")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Profile     default");
    }
}
