package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The reader configured as on a device (runtime-config/device/): on the kernel's I2C through the
 * linuxfs provider and Pi4J, inside the runtime. This machine has no such bus, so what is tested is
 * the whole path up to the kernel and what an operator is told; reading real chips needs a Pi.
 */
class SenseHatOnLinuxI2cTest {

    /** A bus no build machine has; a Pi's Sense HAT is on bus 1. */
    private static final int BUS = 97;

    @Test
    void withoutTheBusEachChipIsNamedInHealthWithTheReasonAndHowToEnableI2c() throws Exception {
        assertThat(Path.of("/sys/bus/i2c/devices/i2c-" + BUS)).doesNotExist();
        String device = Files.readString(
                        Path.of(System.getProperty("kinglet.runtime-config"), "device", "io.kinglet.sensehat.cfg"))
                .replace("bus = 1", "bus = " + BUS);
        try (KingletProcess kinglet = KingletProcess.builder()
                .configFile("io.kinglet.sensehat.cfg", device)
                .start()) {
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=sensehat").body().replace("\\/", "/"))
                            .contains("\"status\":\"WARN\"")
                            .contains(
                                    "HTS221 at 0x5f on I2C bus 97 does not answer: I2C device 0x5f on /dev/i2c-97 failed")
                            .contains("LPS25H at 0x5c on I2C bus 97 does not answer")
                            .contains("/sys/bus/i2c/devices/i2c-97")
                            .contains("enable I2C (raspi-config nonint do_i2c 0"));
            assertThat(kinglet.shell("scr:list")).contains("io.kinglet.hardware.linuxfs.internal.LinuxI2c");
            assertThat(kinglet.log()).contains("Linux I2C: Pi4J context ready");
        }
    }
}
