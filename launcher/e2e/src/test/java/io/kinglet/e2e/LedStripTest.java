package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The LED animator on SPI strips in the default profile: what it sends is decoded bit by bit by the
 * simulation's APA102 and WS2812 strip models, and must light exactly what the preview shows.
 */
class LedStripTest {

    private static final String LED = """
            output = %s
            width = 300
            height = 1
            fps = 30
            brightness = 50
            defaultAnimation = progress
            defaultParameters = percent=50, color=00ff00, background=200000
            """;

    @Test
    void apa102AndWs2812StripsLightWhatThePreviewShows() throws IOException {
        try (KingletProcess kinglet = KingletProcess.builder()
                .configFile("io.kinglet.led.cfg", LED.formatted("apa102"))
                .configFile("io.kinglet.hardware.sim.spi.cfg", "chip = apa102\nleds = 300\n")
                .start()) {
            assertStripShowsTheProgressBar(kinglet, "apa102");

            // the output first, then the chip: a chip model swapped in first would count the old output's
            // last frame as a bad one
            kinglet.dropConfig("io.kinglet.led.cfg", LED.formatted("ws2812"));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(kinglet.shell("led:status"))
                            .contains("output:      WS2812 strip of 300 LEDs on /dev/spidev0.0 at 2400 kHz"));
            kinglet.dropConfig("io.kinglet.hardware.sim.spi.cfg", "chip = ws2812\nleds = 300\n");
            assertStripShowsTheProgressBar(kinglet, "ws2812");
        }
    }

    private static void assertStripShowsTheProgressBar(KingletProcess kinglet, String chip) {
        // the first 16 of 150 lit LEDs: green 255 at 50 % brightness is 128
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(kinglet.shell("sim:strip"))
                        .contains(chip + ", 300 LEDs")
                        .containsPattern("Frames [1-9][0-9]*, bad frames 0, last error: none")
                        .contains("LEDs 0..15: 008000 008000 008000 008000 008000 008000 008000 008000"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(kinglet.get("/led/frame?format=json").body())
                                .contains("\"width\":300")
                                .contains("\"pixels\":[[0,128,0],[0,128,0]")
                                .contains("[0,128,0],[16,0,0]"));
    }
}
