package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher started as systemd starts it ({@code NOTIFY_SOCKET} naming a socket the test
 * owns, {@code WATCHDOG_USEC} set), with a plain file standing in for {@code /dev/watchdog}: every
 * pet is a {@code .} in it, the magic close a {@code V}.
 */
class WatchdogTest {

    private static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(6);
    private static final String DISK_CHECK = "org.apache.felix.hc.generalchecks.DiskSpaceCheck-state.cfg";
    /** The state disk check made critical at any use: a critical check failing at will. */
    private static final String DISK_CHECK_FAILING = "hc.name = State disk space\nhc.tags = framework, critical\n"
            + "diskPaths = ${kinglet.state.dir}\ndiskUsedThresholdWarn = 1\ndiskUsedThresholdCritical = 1\n";

    @TempDir
    Path dir;

    private KingletProcess.Builder runtime(NotifySocket socket, Path device) {
        return KingletProcess.builder()
                .environment("NOTIFY_SOCKET", socket.name())
                .environment("WATCHDOG_USEC", Long.toString(WATCHDOG_PERIOD.toNanos() / 1000))
                .configFile(
                        "io.kinglet.watchdog.cfg",
                        "device = " + device + "\ntimeoutSeconds = 10\nintervalSeconds = 5\ngraceSeconds = 3\n");
    }

    @Test
    void petsFollowTheCriticalChecksWithAGracePeriodAndEveryOrderlyStopDisarms() throws Exception {
        Path device = dir.resolve("watchdog");
        Files.createFile(device);
        try (NotifySocket systemd = NotifySocket.bind(dir.resolve("notify").toString());
                KingletProcess kinglet = runtime(systemd, device).start()) {
            NotifySocket.Message ready = systemd.awaitMessage("READY=1", Duration.ofSeconds(10));
            List<NotifySocket.Message> before =
                    systemd.messages().stream().takeWhile(m -> m != ready).toList();
            // readiness comes after start-up, not at JVM start: the status said what it waited for
            assertThat(before).anySatisfy(m -> assertThat(m.text()).startsWith("STATUS=starting: waiting for"));
            assertThat(systemd.messages("READY=1")).hasSize(1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !systemd.messages("STATUS=ready: ").isEmpty());

            // WATCHDOG=1 every third of WATCHDOG_USEC (2 s), so never near half of it
            Thread.sleep(7_000);
            List<Long> pets = systemd.messages("WATCHDOG=1").stream()
                    .map(NotifySocket.Message::atMillis)
                    .filter(t -> t > ready.atMillis())
                    .toList();
            assertThat(pets).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 1; i < pets.size(); i++) {
                assertThat(pets.get(i) - pets.get(i - 1)).isBetween(1_500L, WATCHDOG_PERIOD.toMillis() / 2);
            }
            assertThat(Files.readString(device)).matches("\\.+");

            // a critical check fails: the pets go on through the grace period, then stop
            kinglet.dropConfig(DISK_CHECK, DISK_CHECK_FAILING);
            String stopped =
                    kinglet.awaitLogLine("Watchdog: pets stopped because State disk space", Duration.ofSeconds(20));
            long stoppedAt = System.currentTimeMillis();
            assertThat(kinglet.log()).doesNotContain("Watchdog: pets resumed");
            assertThat(systemd.messages("STATUS=pets stopped: State disk space"))
                    .isNotEmpty();
            long devicePets = Files.size(device);
            int notifyPets = systemd.messages("WATCHDOG=1").size();
            Thread.sleep(WATCHDOG_PERIOD.toMillis());
            assertThat(systemd.messages("WATCHDOG=1")).hasSize(notifyPets);
            assertThat(Files.size(device)).isEqualTo(devicePets);
            assertThat(kinglet.shell("watchdog:status"))
                    .contains("Pets         STOPPED since")
                    .contains("State disk space");
            assertThat(stopped).isNotEmpty();

            // the check recovers: the pets resume
            kinglet.dropConfig(
                    DISK_CHECK, Files.readString(Path.of(System.getProperty("kinglet.runtime-config"), DISK_CHECK)));
            kinglet.awaitLogLine("Watchdog: pets resumed", Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(device) > devicePets);
            assertThat(systemd.messages("WATCHDOG=1").getLast().atMillis()).isGreaterThan(stoppedAt);

            // SIGTERM: STOPPING=1 to systemd, and the magic close
            kinglet.stop();
            assertThat(systemd.messages("STOPPING=1")).hasSize(1);
            assertThat(Files.readString(device)).endsWith(".V");

            // the next start says the last run ended cleanly; `stop 0` from the shell disarms too
            kinglet.startAgain();
            kinglet.awaitLogLine("Watchdog: last reboot: clean stop", Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(device).matches("(?s).*V\\.+"));
            try {
                kinglet.shell("stop 0");
            } catch (IOException connectionLost) {
                // the shell's connection may end with the framework it stops
            }
            assertThat(kinglet.awaitExit(Duration.ofSeconds(15))).isTrue();
            assertThat(Files.readString(device)).endsWith(".V");
            assertThat(systemd.messages("STOPPING=1")).hasSize(2);
        }
    }

    @Test
    void theCauseWrittenBeforeThePetsStopIsReportedAfterTheRebootUntilAcknowledged() throws Exception {
        Path device = dir.resolve("watchdog");
        Files.createFile(device);
        try (NotifySocket systemd = NotifySocket.bind(
                        "@kinglet-e2e-" + ProcessHandle.current().pid());
                MosquittoBroker broker = MosquittoBroker.start();
                MqttRecorder fleet = new MqttRecorder(broker.url(), "kinglet/e2e-watchdog/#");
                KingletProcess kinglet = runtime(systemd, device)
                        .configFile(
                                "io.kinglet.telemetry.cfg",
                                "broker.url = " + broker.url() + "\ndevice.id = e2e-watchdog\n")
                        .start()) {
            // an abstract socket name works as well as a path
            systemd.awaitMessage("READY=1", Duration.ofSeconds(10));
            kinglet.dropConfig(DISK_CHECK, DISK_CHECK_FAILING);
            kinglet.awaitLogLine("Watchdog: pets stopped because State disk space", Duration.ofSeconds(20));

            // the watchdog fires (here: the process is killed as the reboot would end it)
            kinglet.kill();
            kinglet.dropConfig(
                    DISK_CHECK, Files.readString(Path.of(System.getProperty("kinglet.runtime-config"), DISK_CHECK)));
            kinglet.startAgain();
            String line = kinglet.awaitLogLine(
                    "Watchdog: last reboot: watchdog, because State disk space", Duration.ofSeconds(10));
            assertThat(line).contains("WARN");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=watchdog").body())
                            .contains("\"status\":\"WARN\"")
                            .contains("last reboot: watchdog, because State disk space"));
            assertThat(kinglet.shell("watchdog:status"))
                    .contains("Last reboot  watchdog, because State disk space")
                    .contains("not acknowledged");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.on("kinglet/e2e-watchdog/watchdog/last-reboot").stream()
                            .anyMatch(m -> m.payload().contains("\"kind\":\"watchdog\"")
                                    && m.payload().contains("State disk space")));

            assertThat(kinglet.shell("watchdog:ack")).contains("Acknowledged the last reboot");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=watchdog").body())
                            .doesNotContain("\"status\":\"WARN\""));

            // a kill while the pets go on is a crash, told apart from the watchdog
            kinglet.kill();
            kinglet.startAgain();
            kinglet.awaitLogLine(
                    "Watchdog: last reboot: crash, because no clean stop and no watchdog cause",
                    Duration.ofSeconds(10));
            assertThat(new String(Files.readAllBytes(device), StandardCharsets.US_ASCII))
                    .contains(".");
        }
    }
}
