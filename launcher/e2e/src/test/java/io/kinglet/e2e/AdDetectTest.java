package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ad-break detector in the real launcher on a file source: a recording made here with ffmpeg, a
 * programme with its logo, a break of adverts between black-and-silent separators, the programme again.
 */
class AdDetectTest {

    /** Programme 20 s, black 0.5 s, adverts 25 s, black 0.5 s, programme 20 s: the break is 20.0-46.0 s. */
    private static final double BREAK_START = 20.0;

    private static final double BREAK_END = 46.0;

    @TempDir
    Path dir;

    private Path recording() throws IOException, InterruptedException {
        return TestClips.clip()
                .programme(20)
                .black(0.5)
                .advert(12.5, 1)
                .advert(12.5, 3)
                .black(0.5)
                .programme(20)
                .write(dir.resolve("feed.mp4"));
    }

    @Test
    void aFileSourceReportsTheBreakAndFfmpegKilledIsStartedAgain() throws Exception {
        Path feed = recording();
        try (KingletProcess kinglet = KingletProcess.builder()
                .configFile(
                        "io.kinglet.addetect.cfg",
                        "kind = file\nsource = " + feed + "\nrealtime = false\nstallSeconds = 5\n")
                .start()) {
            // decoded as fast as ffmpeg goes, then again (a file's end is the feed's end)
            String started = kinglet.awaitLogLine("Ad detector: break started at [0-9.]+ s", Duration.ofSeconds(60));
            assertThat(seconds(started, "started at ([0-9.]+) s")).isBetween(BREAK_START - 1, BREAK_START + 1);
            String ended = kinglet.awaitLogLine("Ad detector: break ended at [0-9.]+ s", Duration.ofSeconds(60));
            assertThat(seconds(ended, "ended at ([0-9.]+) s")).isBetween(BREAK_END - 1, BREAK_END + 1);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(kinglet.shell("ad:status"))
                            .containsPattern("last breaks: \\n  (19|20|21)\\.\\d s to (45|46|47)\\.\\d s"));

            assertThat(kinglet.get("/metrics").body())
                    .containsPattern("kinglet_addetect_breaks_total [1-9]")
                    .containsPattern("kinglet_addetect_frames_total [1-9]");

            // the batch scan in the shell finds the same break
            assertThat(kinglet.shell("ad:scan " + feed))
                    .startsWith("{\"file\":\"" + feed + "\"")
                    .containsPattern("\"breaks\":\\[\\{\"start\":(19|20|21)\\.\\d,\"end\":(45|46|47)\\.\\d,");

            // at the feed's pace from now on, and ffmpeg killed under it
            kinglet.dropConfig(
                    "io.kinglet.addetect.cfg",
                    "kind = file\nsource = " + feed + "\nrealtime = true\nstallSeconds = 5\n");
            long pid = await().atMost(Duration.ofSeconds(30)).until(() -> pid(kinglet.shell("ad:status")), p -> p > 0);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            kinglet.awaitLogLine("Ad detector: ffmpeg exited .*; starting ffmpeg again in", Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(20)).until(() -> pid(kinglet.shell("ad:status")), p -> p > 0 && p != pid);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=addetect").body())
                            .contains("\"status\":\"OK\"")
                            .contains("watching file"));
        }
    }

    private static double seconds(String line, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static long pid(String status) {
        Matcher m = Pattern.compile("running \\(pid (\\d+)\\)").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
