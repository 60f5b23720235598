package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clips made with ffmpeg, scanned with {@code ad:scan} in the launcher (the detector needs no
 * configuration for a scan) and with {@code kinglet ad-scan} (no runtime at all), against the truth
 * they were built from: each break within a second.
 */
class AdScanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KingletProcess kinglet;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kinglet = KingletProcess.builder().start();
    }

    @AfterAll
    static void stop() {
        if (kinglet != null) {
            kinglet.close();
        }
    }

    private JsonNode scan(TestClips clip) throws Exception {
        Path file = clip.write(dir.resolve("clip.mp4"));
        JsonNode result = JSON.readTree(kinglet.shell("ad:scan " + file));
        assertThat(result.path("file").asText()).isEqualTo(file.toString());
        assertThat(result.path("duration").asDouble()).isCloseTo(clip.duration(), within(0.5));
        return result;
    }

    private static void assertBreaks(JsonNode result, List<TestClips.Truth> truth) {
        JsonNode breaks = result.path("breaks");
        assertThat(breaks.size()).as(result.toString()).isEqualTo(truth.size());
        for (int i = 0; i < truth.size(); i++) {
            JsonNode found = breaks.get(i);
            assertThat(found.path("start").asDouble())
                    .as("start of break %d in %s", i, result)
                    .isCloseTo(truth.get(i).start(), within(1.0));
            assertThat(found.path("end").asDouble())
                    .as("end of break %d in %s", i, result)
                    .isCloseTo(truth.get(i).end(), within(1.0));
            assertThat(found.path("confidence").asDouble()).isBetween(0.5, 1.0);
        }
    }

    @Test
    void breaksWithSeparatorsAndJoinedAdvertsAreFoundWithinASecond() throws Exception {
        TestClips clip = TestClips.clip()
                .programme(30)
                .black(0.5)
                .advert(8, 0)
                .black(0.5)
                .advert(8, 1)
                .black(0.5)
                .advert(8, 2)
                .black(0.5)
                .programme(25)
                // adverts joined without black, straight out of the programme and back
                .advert(10, 3)
                .advert(12, 0)
                .programme(15);
        assertBreaks(scan(clip), clip.truth());
    }

    @Test
    void fadesDarkScenesAndShortBlackTransitionsInTheProgrammeAreNoBreak() throws Exception {
        TestClips clip = TestClips.clip()
                .programme(30)
                // a fade to black and back under the logo
                .dipToBlack(5)
                // a dark scene
                .programme(10, "eq=brightness=-0.45")
                // a short black and silent transition, logo and all
                .black(1)
                .programme(15);
        JsonNode result = scan(clip);
        assertThat(result.path("breaks").size()).as(result.toString()).isZero();
    }

    @Test
    void theLauncherScansFilesWithoutTheRuntimeOneJsonObjectEach() throws Exception {
        TestClips withBreak = TestClips.clip()
                .programme(25)
                .black(0.5)
                .advert(25, 2)
                .black(0.5)
                .programme(20);
        TestClips without = TestClips.clip().programme(30);
        Path first = withBreak.write(dir.resolve("with break.mp4"));
        Path second = without.write(dir.resolve("without.mp4"));
        Path missing = dir.resolve("missing.mp4");
        ProcessBuilder builder = new ProcessBuilder(
                        System.getProperty("kinglet.script"),
                        "ad-scan",
                        first.toString(),
                        missing.toString(),
                        second.toString())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("KINGLET_JAR", System.getProperty("kinglet.jar"));
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // one file could not be scanned: said on stderr, the others still scanned
        assertThat(process.exitValue()).isOne();
        assertThat(Files.readString(dir.resolve("stderr")))
                .isEqualTo("ad-scan: " + missing + ": not a readable file\n");
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode found = JSON.readTree(lines.get(0));
        assertThat(found.path("file").asText()).isEqualTo(first.toString());
        assertThat(found.path("duration").asDouble()).isCloseTo(withBreak.duration(), within(0.5));
        assertBreaks(found, withBreak.truth());
        JsonNode none = JSON.readTree(lines.get(1));
        assertThat(none.path("file").asText()).isEqualTo(second.toString());
        assertBreaks(none, List.of());
        // exactly the fields the format names
        assertThat(found.fieldNames()).toIterable().containsExactly("file", "duration", "breaks");
        assertThat(found.path("breaks").get(0).fieldNames()).toIterable().containsExactly("start", "end", "confidence");
    }

    @Test
    void withoutAConfigurationTheDetectorIsOffAndSaysHowToTurnItOn() throws Exception {
        assertThat(kinglet.get("/health?tags=addetect").body().replace("\\/", "/"))
                .contains("the ad-break detector is off")
                .contains("copy runtime-config/io.kinglet.addetect.cfg.example");
        assertThat(kinglet.shell("ad:status")).contains("the ad-break detector is off");
    }
}
