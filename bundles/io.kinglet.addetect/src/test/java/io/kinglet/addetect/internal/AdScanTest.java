package io.kinglet.addetect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole clips scanned as fast as ffmpeg decodes them, against the truth they were built from. */
class AdScanTest {

    @TempDir
    Path dir;

    private AdScan.Result scan(Clips clip) throws Exception {
        Path file = clip.write(dir.resolve("clip.mp4"));
        return AdScan.scan(file, Thresholds.defaults(), "ffmpeg", dir.resolve("work"));
    }

    private static void assertBreaks(AdScan.Result result, List<Clips.Truth> truth) {
        assertThat(result.breaks()).as(result.json()).hasSameSizeAs(truth);
        for (int i = 0; i < truth.size(); i++) {
            BreakDetector.Break found = result.breaks().get(i);
            assertThat(found.start())
                    .as("start of break %d in %s", i, result.json())
                    .isCloseTo(truth.get(i).start(), within(1.0));
            assertThat(found.end())
                    .as("end of break %d in %s", i, result.json())
                    .isCloseTo(truth.get(i).end(), within(1.0));
            assertThat(found.confidence()).isBetween(0.5, 1.0);
        }
    }

    @Test
    void breaksWithSeparatorsAndJoinedAdvertsAreFoundWithinASecond() throws Exception {
        Clips clip = Clips.clip()
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
        AdScan.Result result = scan(clip);
        assertThat(result.duration()).isCloseTo(clip.duration(), within(0.5));
        assertBreaks(result, clip.truth());
        assertThat(result.json()).startsWith("{\"file\":").contains("\"breaks\":[{\"start\":");
    }

    @Test
    void fadesDarkScenesAndShortBlackTransitionsInTheProgrammeAreNoBreak() throws Exception {
        Clips clip = Clips.clip()
                .programme(30)
                // a fade to black and back under the logo
                .programme(8, "fade=t=out:st=2:d=1,fade=t=in:st=4:d=1")
                // a dark scene
                .programme(10, "eq=brightness=-0.45")
                // a short black and silent transition, logo and all
                .black(1)
                .programme(15);
        AdScan.Result result = scan(clip);
        assertThat(result.breaks()).as(result.json()).isEmpty();
    }
}
