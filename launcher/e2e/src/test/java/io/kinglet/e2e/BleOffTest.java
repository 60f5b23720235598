package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default profile, as a newcomer runs it: the BLE provisioner is off, and /health and the shell
 * say why and how to turn it on; configured against a bus that is not there, it says so and keeps trying
 * until the bus is there.
 */
class BleOffTest {

    @TempDir
    Path dir;

    @Test
    void offByDefaultSayingHowToTurnItOnAndAMissingBusIsNamedUntilItComes() throws Exception {
        try (KingletProcess kinglet = KingletProcess.builder().start()) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(health(kinglet))
                            .contains("the BLE provisioner is off")
                            .contains("copy runtime-config/io.kinglet.ble.cfg.example to io.kinglet.ble.cfg"));
            assertThat(kinglet.shell("ble:status")).contains("the BLE provisioner is off");

            Path socket = dir.resolve("bus");
            kinglet.dropConfig("io.kinglet.ble.cfg", "dbusAddress = unix:path=" + socket + "\n");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            assertThat(health(kinglet)).contains("cannot connect to D-Bus at unix:path=" + socket));
            // off the bus, it still answers, and says so
            assertThat(kinglet.shell("ble:status"))
                    .contains("state: authorization required")
                    .contains("D-Bus: cannot connect to D-Bus at unix:path=" + socket);

            // the bus comes up (dbus started late): the provisioner connects and registers by itself
            try (PrivateBus bus = PrivateBus.start(dir)) {
                bus.startBluez();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> !bus.bluez().Applications().isEmpty());
                assertThat(kinglet.shell("ble:status")).doesNotContain("D-Bus:").contains("service registered");
            }
        }
    }

    /** The BLE health check's JSON, slashes unescaped. */
    private static String health(KingletProcess kinglet) throws Exception {
        return kinglet.get("/health?tags=ble").body().replace("\\/", "/");
    }
}
