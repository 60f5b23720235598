package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.DEPLOYMENT_TIMEOUT;
import static io.kinglet.e2e.OtaSetup.client;
import static io.kinglet.e2e.OtaSetup.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * An animation as its own bundle, through OTA while the LEDs keep running: pushed, played, updated
 * (its new version resumes with the same parameters), rolled back; and the OTA reaction showing the
 * update in progress on the matrix and restoring the animation once it is committed.
 */
class LedOtaTest {

    @AutoClose
    static final OtaSetup setup = OtaSetup.create();

    /** Waits until pixel (0,0) of the simulated matrix is {@code rgb565} (blink shows it in its "on" half). */
    private static void awaitPixel(Path framebuffer, int rgb565) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    byte[] fb = Files.readAllBytes(framebuffer);
                    return ((fb[0] & 0xFF) | (fb[1] & 0xFF) << 8) == rgb565;
                });
    }

    private static long frames(KingletProcess kinglet) throws IOException {
        Matcher m = Pattern.compile("(\\d+) shown").matcher(kinglet.shell("led:status"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void anAnimationBundleIsPushedPlayedUpdatedAndRolledBackWhileTheLoopKeepsRunning() throws Exception {
        try (KingletProcess kinglet = setup.runtime(1).start()) {
            Path framebuffer = kinglet.stateDir().resolve("sim/dev/fb1");
            OtaClient ota = client(kinglet);
            Path blink = OtaSetup.fixture("kinglet.fixture.animation");
            long before = frames(kinglet);

            deploy(ota, "committed", setup.release.sign(blink, setup.dir.resolve("blink-1.0.0.jar")));
            assertThat(kinglet.shell("led:list")).contains("blink");
            assertThat(kinglet.shell("led:play blink frames=10")).contains("Playing blink frames=10");
            // ff0000 at 50 % brightness: red 128 -> RGB565 0x8000
            awaitPixel(framebuffer, 0x8000);

            JsonNode updated = deploy(ota, "committed", signed(blink, "1.0.1", "0000ff"));
            // the new version resumed by itself, with the same parameters: 0000ff -> 0x0010
            awaitPixel(framebuffer, 0x0010);
            assertThat(kinglet.shell("led:status")).contains("playing:     blink frames=10");
            String log = kinglet.log();
            String id = updated.get("id").asText();
            int busy = log.indexOf("LED: reaction 'ota' (" + id + ") starts status state=busy");
            int ended = log.indexOf("LED: reaction 'ota' (" + id + ") ended by io/kinglet/ota/COMMITTED");
            assertThat(busy).as("the update in progress shown on the matrix").isPositive();
            assertThat(ended).as("and ended by its commit").isGreaterThan(busy);

            OtaClient.Response rollback = ota.post("/ota/rollback");
            assertThat(rollback.status()).as(rollback.body()).isEqualTo(202);
            ota.awaitState(rollback.json().get("id").asText(), DEPLOYMENT_TIMEOUT, OtaSetup.FINAL);
            awaitPixel(framebuffer, 0x8000);

            long after = frames(kinglet);
            assertThat(after - before).as("frames shown meanwhile").isGreaterThan(100);
            // the animator was activated once: neither the pushes nor the rollback restarted it
            assertThat(kinglet.log().split(" at 30 fps, brightness ", -1)).hasSize(2);
            assertThat(kinglet.shell("led:status")).containsPattern("frames: +[1-9][0-9]* fps");
        }
    }

    private static Path signed(Path blink, String version, String colour) throws IOException {
        Path variant = BundleVariant.of(blink)
                .header("Bundle-Version", version)
                .header("Blink-Color", colour)
                .writeTo(setup.dir.resolve("blink-" + version + "-unsigned.jar"));
        return setup.release.sign(variant, setup.dir.resolve("blink-" + version + ".jar"));
    }
}
