package io.kinglet.addetect.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@code ad:status} (state, current break, last breaks, cues) and {@code ad:scan FILE}. */
@Component(
        service = AdCommands.class,
        property = {"osgi.command.scope=ad", "osgi.command.function=status", "osgi.command.function=scan"})
public class AdCommands {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AdDetector detector;

    @Descriptor("the detector's state, the break under way, the last breaks and the cues now")
    public String status() {
        AdDetector running = detector;
        if (running == null) {
            return AdHealthCheck.OFF;
        }
        Feed.Status feed = running.feed().status();
        BreakDetector breaks = running.feed().detector();
        List<String> lines = new ArrayList<>();
        lines.add("source: " + running.source());
        lines.add("ffmpeg: "
                + (feed.running() ? "running (pid " + running.feed().pid() + ")" : "not running: " + feed.lastProblem())
                + ", runs " + feed.runs() + ", frames " + feed.frames());
        if (breaks != null) {
            lines.add("state: " + breaks.state().name().toLowerCase(Locale.ROOT)
                    + (breaks.current() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    " since %.1f s (confidence %.2f)",
                                    breaks.current().start(),
                                    breaks.current().confidence())));
        }
        Tick tick = running.feed().last();
        if (tick != null) {
            lines.add(String.format(
                    Locale.ROOT,
                    "cues at %.1f s: brightness %.0f, contrast %.0f, change %.0f, loudness %.0f dBFS, logo %s",
                    tick.seconds(),
                    tick.luma(),
                    tick.contrast(),
                    tick.change(),
                    tick.loudness(),
                    Double.isNaN(tick.logo()) ? "not learned yet" : String.format(Locale.ROOT, "%.2f", tick.logo())));
        }
        BreakActions actions = running.actions();
        lines.add("actions: " + actions.describe()
                + (actions.lastFailure().isEmpty()
                        ? ""
                        : "; " + actions.failures() + " failed, last " + actions.lastFailure()));
        List<BreakDetector.Break> recent = running.recent();
        lines.add("last breaks: " + (recent.isEmpty() ? "none" : ""));
        for (BreakDetector.Break b : recent) {
            lines.add(String.format(
                    Locale.ROOT,
                    "  %.1f s to %.1f s (%.0f s, confidence %.2f)",
                    b.start(),
                    b.end(),
                    b.length(),
                    b.confidence()));
        }
        return String.join("\n", lines);
    }

    @Descriptor("scan a recording as fast as ffmpeg decodes it; prints one JSON object")
    public String scan(@Descriptor("the file") String file) throws IOException, InterruptedException {
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("cannot read " + path);
        }
        AdDetector running = detector;
        Thresholds thresholds = running == null ? Thresholds.defaults() : running.thresholds();
        String ffmpeg = running == null ? "ffmpeg" : running.ffmpeg();
        return AdScan.scan(path, thresholds, ffmpeg).json();
    }
}
