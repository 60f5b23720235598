package io.kinglet.addetect.internal;

import static io.kinglet.metrics.api.Metrics.counter;
import static io.kinglet.metrics.api.Metrics.gauge;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/** The detector as {@code kinglet_addetect_*}: frames, frame rate, breaks, state, ffmpeg runs,
 * failed actions. */
@Component(configurationPid = AdDetector.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class AdMetrics implements MultiCollector {

    private final AdDetector detector;
    private long lastFrames;
    private long lastNanos = System.nanoTime();

    @Activate
    public AdMetrics(@Reference AdDetector detector) {
        this.detector = detector;
    }

    @Override
    public synchronized MetricSnapshots collect() {
        Feed.Status feed = detector.feed().status();
        long now = System.nanoTime();
        // frames decoded per second since the last scrape: 10 at a live feed's pace, more when catching up
        double rate = (feed.frames() - lastFrames) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastFrames = feed.frames();
        lastNanos = now;
        BreakDetector breaks = detector.feed().detector();
        return new MetricSnapshots(
                counter("kinglet_addetect_frames", "Frames analysed", feed.frames()),
                gauge("kinglet_addetect_frames_per_second", "Frames analysed a second since the last scrape", rate),
                counter(
                        "kinglet_addetect_breaks",
                        "Breaks ended (at least the minimum length)",
                        detector.breaksEnded()),
                gauge(
                        "kinglet_addetect_in_break",
                        "1 while a break is under way",
                        breaks != null && breaks.current() != null ? 1 : 0),
                gauge("kinglet_addetect_ffmpeg_running", "1 while ffmpeg runs", feed.running() ? 1 : 0),
                counter("kinglet_addetect_ffmpeg_runs", "Times ffmpeg was started", feed.runs()),
                counter(
                        "kinglet_addetect_action_failures",
                        "Break actions that failed, timed out or were dropped",
                        detector.actions().failures()));
    }
}
