package io.kinglet.addetect.internal;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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
                        .add("start", BreakMessage.rounded(b.start(), 1))
                        .add("end", BreakMessage.rounded(b.end(), 1))
                        .add("confidence", BreakMessage.rounded(b.confidence(), 2)));
            }
            return Json.createObjectBuilder()
                    .add("file", file.toString())
                    .add("duration", BreakMessage.rounded(duration, 1))
                    .add("breaks", list)
                    .build()
                    .toString();
        }
    }

    private AdScan() {}

    /** Scans {@code file}, ffmpeg's pipe and log in a temporary folder removed afterwards. */
    static Result scan(Path file, Thresholds thresholds, String ffmpeg) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("kinglet-ad-scan");
        try {
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
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
