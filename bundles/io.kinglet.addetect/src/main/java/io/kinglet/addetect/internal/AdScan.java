package io.kinglet.addetect.internal;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;

/**
 * A whole file scanned as fast as ffmpeg decodes it: the breaks found, as {@code ad-scan} and
 * {@code ad:scan} print them, one JSON object per file.
 */
final class AdScan {

    /** What a scan found. */
    record Result(Path file, double duration, List<BreakDetector.Break> breaks) {

        /** {@code {"file": ..., "duration": ..., "breaks": [{"start": ..., "end": ..., "confidence": ...}]}} */
        String json() {
            JsonArrayBuilder list = Json.createArrayBuilder();
            for (BreakDetector.Break b : breaks) {
                list.add(Json.createObjectBuilder()
                        .add("start", rounded(b.start(), 1))
                        .add("end", rounded(b.end(), 1))
                        .add("confidence", rounded(b.confidence(), 2)));
            }
            return Json.createObjectBuilder()
                    .add("file", file.toString())
                    .add("duration", rounded(duration, 1))
                    .add("breaks", list)
                    .build()
                    .toString();
        }

        /** Times to a tenth of a second (a tick), confidences to a hundredth: no false precision. */
        private static BigDecimal rounded(double value, int places) {
            return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
        }
    }

    private AdScan() {}

    static Result scan(Path file, Thresholds thresholds, String ffmpeg, Path work)
            throws IOException, InterruptedException {
        Watch watch = new Watch(thresholds, new BreakDetector.Listener() {
            @Override
            public void started(BreakDetector.Break b) {}

            @Override
            public void ended(BreakDetector.Break b) {}
        });
        FfmpegDecoder decoder = new FfmpegDecoder(ffmpeg, List.of("-i", file.toString()), "0:a:0", false, work);
        double duration = decoder.run(process -> {}, watch::frame);
        watch.detector().finish();
        return new Result(file, duration, watch.detector().breaks());
    }
}
