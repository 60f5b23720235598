package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The LED animator in the default profile, on the simulated Sense HAT matrix (a framebuffer file). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedTest {

    private static KingletProcess kinglet;
    private static Path framebuffer;

    @BeforeAll
    static void start() throws IOException {
        kinglet = KingletProcess.builder().start();
        framebuffer = kinglet.stateDir().resolve("sim/dev/fb1");
        // the simulation may create the matrix after the animator first looked: it looks again every 2 s
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(kinglet.shell("led:status"))
                        .contains("output:      Sense HAT matrix " + framebuffer));
    }

    @AfterAll
    static void stop() {
        kinglet.close();
    }

    @Test
    @Order(1)
    void theDefaultAnimationPlaysOnTheSimulatedMatrixAndRainbowChangesTheFramebuffer() throws Exception {
        assertThat(kinglet.shell("led:status")).contains("playing:     status state=ok");
        assertThat(kinglet.shell("led:show")).contains("\u001b[48;2;0;");

        assertThat(kinglet.shell("led:play rainbow speed=2")).contains("Playing rainbow speed=2");
        byte[] first = await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.readAllBytes(framebuffer), bytes -> distinctWords(bytes) > 8);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Arrays.equals(first, Files.readAllBytes(framebuffer)));
        // health results are cached for a moment
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(kinglet.get("/health?tags=led").body()).contains("playing rainbow"));
        // the rate itself is bench/led.sh's to measure: a loaded test machine runs it slower
        assertThat(kinglet.get("/metrics").body())
                .containsPattern("kinglet_led_fps [1-9]")
                .containsPattern("kinglet_led_frames_total [1-9]");
    }

    @Test
    @Order(2)
    void theFramePngShowsWhatTheFramebufferHolds() throws Exception {
        kinglet.shell("led:play progress percent=50 color=00ff00 background=200000");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(kinglet.shell("led:status")).contains("playing:     progress"));
        Thread.sleep(200); // a few frames on: the file and the preview hold the same static frame

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes("/led/frame?scale=1")));
        byte[] fb = Files.readAllBytes(framebuffer);

        assertThat(png.getWidth()).isEqualTo(8);
        assertThat(png.getHeight()).isEqualTo(8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int rgb = png.getRGB(x, y);
                int word = (fb[2 * (8 * y + x)] & 0xFF) | (fb[2 * (8 * y + x) + 1] & 0xFF) << 8;
                int expected = ((rgb >> 16 & 0xFF) >> 3) << 11 | ((rgb >> 8 & 0xFF) >> 2) << 5 | (rgb & 0xFF) >> 3;
                assertThat(word).as("pixel (%d,%d)", x, y).isEqualTo(expected);
            }
        }
        // half the matrix lit green (brightness 50 %), half the dim background
        assertThat(png.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x008000);
        assertThat(png.getRGB(7, 7) & 0xFFFFFF).isEqualTo(0x100000);
        assertThat(kinglet.get("/led/frame?format=json").body())
                .contains("\"width\":8")
                .contains("\"animation\":\"progress background=200000 color=00ff00 percent=50\"")
                .contains("\"pixels\":[[0,128,0]");
    }

    @Test
    @Order(3)
    void badInputIsRefusedNamingWhatWasWrong() throws Exception {
        assertThat(kinglet.shell("led:play sparkle")).contains("no animation named 'sparkle'; there are: ");
        assertThat(kinglet.shell("led:play pulse colour=ff0000")).contains("pulse: unknown parameter 'colour'");
        assertThat(kinglet.get("/led/frame?scale=0").statusCode()).isEqualTo(400);

        String config = Files.readString(kinglet.configDir().resolve("io.kinglet.led.cfg"));
        kinglet.dropConfig("io.kinglet.led.cfg", config.replace("fps = 30", "fps = 500"));
        String line = kinglet.awaitLogLine("WARN .*io\\.kinglet\\.led\\.cfg refused", Duration.ofSeconds(10));
        assertThat(line).contains("fps");
        kinglet.dropConfig("io.kinglet.led.cfg", config);
    }

    private static byte[] bytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(kinglet.baseUri().resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        return response.body();
    }

    private static long distinctWords(byte[] fb) {
        return java.util.stream.IntStream.range(0, fb.length / 2)
                .map(i -> (fb[2 * i] & 0xFF) | (fb[2 * i + 1] & 0xFF) << 8)
                .distinct()
                .count();
    }
}
